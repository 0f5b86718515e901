# Shell functions shared by the server fixtures in tests/env/. Source it; do not run it.

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    free_ports 1
}

# free_ports N: prints N different free TCP ports on 127.0.0.1, space-separated. All N are
# bound at once before any is released, so one call never names the same port twice (N
# separate free_port calls can: the kernel may hand out a just-released port again).
free_ports() {
    /usr/bin/python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
' "$1"
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
        # Dovecot needs about 1 s on an idle machine; a loaded one can take far longer, and a
        # master still running blocks the next start in the same folder.
        for ((i = 0; i < 300; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            # a reparented child can linger as a zombie: treat that as stopped
            [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" == Z* ]] && break
            sleep 0.1
        done
    fi
    rm -f "$file"
}
