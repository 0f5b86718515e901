"""Test SMTP server for Tributary: aiosmtpd on loopback, AUTH required, messages spooled.

Run with /usr/bin/python3 (Debian's aiosmtpd). One process serves three ports:
  --port         plain SMTP offering STARTTLS; AUTH allowed before TLS
  --tls-port     SMTPS (implicit TLS)
  --strict-port  plain SMTP offering STARTTLS; AUTH only after STARTTLS (538 before)

AUTH PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER, checked against --users (lines "user:password")
and --tokens (JSON: {"<token>": "user"} or {"<token>": {"username": "user", "active": true}}),
re-read on every attempt so tests may add tokens while the server runs. With
--introspection-url (http://client:secret@host:port/path) bearer tokens are checked by RFC 7662
token introspection there instead (as Dovecot's oauth2 passdb does): a token is accepted when
the answer says "active": true and its "username" is the user the client names.
Recipients whose local part starts with "reject" get 550. Each accepted message is written to
SPOOL/<id>.eml exactly as received (after dot-unstuffing), with SPOOL/<id>.json (envelope)
written first; both via a temporary name and rename. The final DATA reply names the id:
"250 2.0.0 Ok: queued as <id>".
"""
import argparse
import asyncio
import base64
import binascii
import itertools
import json
import logging
import os
import signal
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

_counter = itertools.count(1)


def _load_users(path):
    users = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if ":" in line and not line.startswith("#"):
                user, password = line.split(":", 1)
                users[user] = password
    return users


def _load_tokens(path):
    if not path or not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    tokens = {}
    for token, value in data.items():
        if isinstance(value, str):
            tokens[token] = value
        elif isinstance(value, dict) and value.get("active", True):
            name = value.get("username") or value.get("user")
            if name:
                tokens[token] = name
    return tokens


def _introspect(url, token):
    """RFC 7662 POST with client_secret_basic; returns the JSON answer ({} on any failure)."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname + (":%d" % parts.port if parts.port else "")
    plain = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    body = urllib.parse.urlencode({"token": token, "token_type_hint": "access_token"}).encode()
    request = urllib.request.Request(plain, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", "application/json")
    if parts.username is not None:
        pair = "%s:%s" % (urllib.parse.unquote(parts.username),
                          urllib.parse.unquote(parts.password or ""))
        request.add_header("Authorization", "Basic " + base64.b64encode(pair.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError):
        return {}


def _write_atomic(path, data):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


def _auth_user(session):
    data = getattr(session, "auth_data", None)
    login = getattr(data, "login", None)
    return login.decode("utf-8", "replace") if isinstance(login, bytes) else login


class Handler:
    def __init__(self, spool):
        self.spool = spool

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # aiosmtpd reads commands one by one from a stream, so pipelined commands work;
        # advertise it so clients exercise their PIPELINING path (RFC 2920).
        session.host_name = hostname
        return responses[:1] + ["250-PIPELINING"] + responses[1:]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        msg_id = "%d-%d-%d" % (int(time.time() * 1000), os.getpid(), next(_counter))
        meta = {
            "id": msg_id,
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": _auth_user(session),
            "tls": session.ssl is not None or getattr(server, "implicit_tls", False),
            "size": len(envelope.original_content),
        }
        _write_atomic(os.path.join(self.spool, msg_id + ".json"),
                      json.dumps(meta, indent=1).encode())
        _write_atomic(os.path.join(self.spool, msg_id + ".eml"), envelope.original_content)
        return "250 2.0.0 Ok: queued as %s" % msg_id


class TestSMTP(SMTP):
    users_path = None
    tokens_path = None
    introspection_url = None

    def __init__(self, *args, implicit_tls=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.command_size_limits["AUTH"] = 64 * 1024
        self.implicit_tls = implicit_tls

    def _check_password(self, login, password):
        users = _load_users(self.users_path)
        try:
            login = login.decode("utf-8")
            password = password.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return users.get(login) == password

    async def _check_token(self, user, token):
        if not user or not token:
            return False
        if self.introspection_url:
            answer = await asyncio.to_thread(_introspect, self.introspection_url, token)
            return answer.get("active") is True and answer.get("username") == user
        tokens = _load_tokens(self.tokens_path)
        return tokens.get(token) == user

    async def auth_PLAIN(self, _, args):
        if len(args) == 1:
            blob = await self.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False)
        else:
            try:
                blob = base64.b64decode(args[1].encode(), validate=True) if args[1] != "=" else b""
            except binascii.Error:
                await self.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        parts = blob.split(b"\x00")
        if len(parts) != 3:
            await self.push("501 5.5.2 Can't split auth value")
            return AuthResult(success=False, handled=True)
        _, login, password = parts
        if self._check_password(login, password):
            return AuthResult(success=True, auth_data=LoginPassword(login, password))
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Authentication credentials invalid")

    async def auth_LOGIN(self, _, args):
        if len(args) == 1:
            login = await self.challenge_auth("Username:")
            if not isinstance(login, bytes):
                return AuthResult(success=False)
        else:
            try:
                login = base64.b64decode(args[1].encode(), validate=True)
            except binascii.Error:
                await self.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        password = await self.challenge_auth("Password:")
        if not isinstance(password, bytes):
            return AuthResult(success=False)
        if self._check_password(login, password):
            return AuthResult(success=True, auth_data=LoginPassword(login, password))
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Authentication credentials invalid")

    async def _initial_or_challenge(self, args):
        if len(args) == 1:
            blob = await self.challenge_auth("")
            return blob if isinstance(blob, bytes) else None
        try:
            return base64.b64decode(args[1].encode(), validate=True)
        except binascii.Error:
            await self.push("501 5.5.2 Can't decode base64")
            return None

    async def auth_XOAUTH2(self, _, args):
        blob = await self._initial_or_challenge(args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        user = token = None
        for field in blob.split(b"\x01"):
            if field.startswith(b"user="):
                user = field[5:].decode("utf-8", "replace")
            elif field.lower().startswith(b"auth=bearer "):
                token = field[12:].decode("utf-8", "replace")
        if await self._check_token(user, token):
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Username and token not accepted")

    async def auth_OAUTHBEARER(self, _, args):
        blob = await self._initial_or_challenge(args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        fields = blob.split(b"\x01")
        user = token = None
        gs2 = fields[0].split(b",") if fields else []
        for part in gs2:
            if part.startswith(b"a="):
                user = part[2:].replace(b"=2C", b",").replace(b"=3D", b"=").decode("utf-8", "replace")
        for field in fields[1:]:
            if field.lower().startswith(b"auth=bearer "):
                token = field[12:].decode("utf-8", "replace")
        if await self._check_token(user, token):
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Username and token not accepted")


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tls-port", type=int, required=True)
    ap.add_argument("--strict-port", type=int, required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--users", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--spool", required=True)
    ap.add_argument("--size-limit", type=int, required=True)
    ap.add_argument("--introspection-url", default="",
                    help="check bearer tokens by RFC 7662 introspection at this URL")
    ap.add_argument("--auth-require-tls", action="store_true",
                    help="also require TLS before AUTH on --port")
    opts = ap.parse_args()

    TestSMTP.users_path = opts.users
    TestSMTP.tokens_path = opts.tokens
    TestSMTP.introspection_url = opts.introspection_url or None
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(opts.cert, opts.key)
    handler = Handler(opts.spool)
    loop = asyncio.get_running_loop()

    def factory(require_tls, implicit=False):
        def make():
            return TestSMTP(handler, hostname="smtp.test.invalid", data_size_limit=opts.size_limit,
                            tls_context=None if implicit else ctx, auth_required=True,
                            auth_require_tls=require_tls, decode_data=False,
                            implicit_tls=implicit, loop=loop)
        return make

    servers = [
        await loop.create_server(factory(opts.auth_require_tls), opts.host, opts.port),
        await loop.create_server(factory(False, True), opts.host, opts.tls_port, ssl=ctx),
        await loop.create_server(factory(True), opts.host, opts.strict_port),
    ]
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
