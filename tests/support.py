"""Test helpers: free ports, a live server thread, logging in."""

from __future__ import annotations

import socket
import threading

from werkzeug.serving import make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The app served over real HTTP from a thread: the app calls its own sandbox through it."""

    def __init__(self, app, port: int):
        self.server = make_server("127.0.0.1", port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, name="live-server", daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> "LiveServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, name: str = "alice") -> dict:
    """Log a sandbox user in; returns the login response body."""
    response = client.post("/api/v1/auth/login", json={"code": f"sandbox:{name}"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()
