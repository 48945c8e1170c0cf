"""An in-process transport: our WeChat clients' HTTP requests handed straight to the sandbox.

A ``requests`` adapter that turns the prepared request into a WSGI environ (method, path,
query, headers and the exact body bytes), runs the sandbox app on it in the calling thread,
and turns its answer into a ``requests.Response``. Everything on the wire stays WeChat's
format, signed and verified as over HTTPS; only the socket is gone, so a request never
waits for one of its own server's threads to call WeChat. ``SANDBOX_WECHAT_LATENCY`` makes each answer
take that long, as a slow WeChat's does: past the caller's timeout the call times out.
"""

from __future__ import annotations

import time
from urllib.parse import unquote, urlsplit

import requests
from requests.structures import CaseInsensitiveDict
from werkzeug.test import EnvironBuilder, run_wsgi_app


class InProcess(requests.adapters.BaseAdapter):
    """Sends each request to ``wsgi_app``, mounted at ``mount_path`` of the URL's host."""

    def __init__(self, wsgi_app, mount_path: str):
        super().__init__()
        self.wsgi_app = wsgi_app
        self.mount_path = mount_path.rstrip("/")

    def send(self, request: requests.PreparedRequest, stream=False, timeout=None, verify=True, cert=None,
             proxies=None) -> requests.Response:
        self._take_the_latency(request, timeout)
        url = urlsplit(request.url)
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        builder = EnvironBuilder(
            path=unquote(url.path[len(self.mount_path):]) or "/", method=request.method,
            base_url=f"{url.scheme}://{url.netloc}{self.mount_path}", query_string=url.query,
            headers=list(request.headers.items()), data=body)
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        # As a real server gives it: what the client signed (v3 signs the path and query as sent).
        environ["RAW_URI"] = url.path + (f"?{url.query}" if url.query else "")
        app_iter, status, headers = run_wsgi_app(self.wsgi_app, environ, buffered=True)
        try:
            content = b"".join(app_iter)
        finally:
            getattr(app_iter, "close", lambda: None)()
        response = requests.Response()
        code, _, reason = status.partition(" ")
        response.status_code, response.reason = int(code), reason
        response.headers = CaseInsensitiveDict(headers.items())
        response._content = content
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.url, response.request = request.url, request
        return response

    def _take_the_latency(self, request: requests.PreparedRequest, timeout) -> None:
        latency = self.wsgi_app.config["SANDBOX_WECHAT_LATENCY"]
        if not latency:
            return
        waited = timeout[-1] if isinstance(timeout, tuple) else timeout
        if waited is not None and latency > waited:
            time.sleep(waited)
            raise requests.exceptions.ReadTimeout(f"the sandbox took longer than {waited} s", request=request)
        time.sleep(latency)

    def close(self) -> None:
        pass
