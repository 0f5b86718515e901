# Shell functions shared by the server fixtures in tests/env/. Source it; do not run it.

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT [HOST] [SECONDS]: waits until something accepts connections there.
wait_port() {
    local port=$1 host=${2:-127.0.0.1} secs=${3:-20} i
    for ((i = 0; i < secs * 10; i++)); do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on $host:$port after ${secs}s" >&2
    return 1
}

# make_cert DIR: a self-signed certificate for 127.0.0.1/localhost in DIR/cert.pem, DIR/key.pem.
make_cert() {
    local dir=$1
    [[ -f "$dir/cert.pem" ]] && return 0
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
        -days 3650 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost" 2>/dev/null
}

# stop_pidfile FILE: TERM the process whose PID is in FILE (ours), wait for it to end.
stop_pidfile() {
    local file=$1 pid i
    [[ -f "$file" ]] || return 0
    pid=$(cat "$file")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            # a reparented child can linger as a zombie: treat that as stopped
            [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" == Z* ]] && break
            sleep 0.1
        done
    fi
    rm -f "$file"
}
