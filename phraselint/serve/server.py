"""Run the app under uvicorn on a socket bound before the rules load, so a taken port fails at once."""

from __future__ import annotations

import errno
import socket

import uvicorn
from starlette.applications import Starlette

from phraselint.errors import PhraselintError


class ListenError(PhraselintError):
    """The server cannot listen on the host and port asked for."""


def bind(host: str, port: int) -> socket.socket:
    """Return a TCP socket bound to *host* and *port* (0: any free port), not yet listening."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ListenError(f"cannot listen on host {host!r}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ListenError(f"port {port} on {host} is in use; choose another with --port") from None
        raise ListenError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    return sock


def url_of(sock: socket.socket) -> str:
    """Return the http:// address *sock* is bound to."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run(app: Starlette, sock: socket.socket) -> None:
    """Serve *app* on *sock* until Ctrl+C or SIGTERM; uvicorn logs only warnings and errors."""
    # httptools parses HTTP in C; on asyncio's own loop it gave the best lint p99 in benchmarks/bench_serve.py
    # (10.7 ms at concurrency 16, against 12 ms with h11 and 16 ms with uvloop, whose tail is longer).
    config = uvicorn.Config(app, loop="asyncio", http="httptools", log_level="warning", access_log=False,
                            lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down on Ctrl+C, then raises it again: a clean stop, exit status 0
        return
