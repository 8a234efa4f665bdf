"""The preview's web server on 127.0.0.1: the page, its page images and its event stream.

Nothing else is served, and no path is ever looked up on disk. A request whose Host is not
this server's own address is refused, so a web site cannot read the preview through a name
that resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import json
import re
import secrets
import socketserver
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from briefing.errors import ConfigError
from briefing.preview.session import DEFAULT_PORT, Preview, Snapshot
from briefing.project import THEME_DIR
from briefing.runner.job import Job, Outcome
from briefing.runner.watch import watch

LOOPBACK = "127.0.0.1"
"""The only address the preview listens on: it is for the person at this machine."""

IMAGE_PATH = re.compile(r"/pages/(?P<name>[0-9a-f]{24})\.png")
"""A page image's URL: the digest of its pixels, as `render_pages` names it."""

KEEP_ALIVE_SECONDS = 15.0
"""An idle event stream sends a comment this often, so a closed page frees its thread."""

RECONNECT_MS = 1000
"""How soon a page reconnects after the stream breaks (e.g. the preview restarted)."""


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1:`port` (0: any free port) for one preview."""

    daemon_threads = True
    block_on_close = False  # event streams end when the preview closes; never wait on them

    def __init__(self, port: int, preview: Preview) -> None:
        self.preview = preview
        environment = Environment(
            loader=FileSystemLoader(THEME_DIR / "preview"),
            autoescape=True,
            undefined=StrictUndefined,
        )
        self.template = environment.get_template("preview.html")
        try:
            super().__init__((LOOPBACK, port), PreviewHandler)
        except OSError as error:
            raise ConfigError(
                f"cannot listen on {LOOPBACK}:{port}: {error.strerror or error}; "
                "choose another --port, or --port 0 for any free one"
            ) from None

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the address (slow offline)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = LOOPBACK, self.server_address[1]

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://{LOOPBACK}:{self.server_port}/"

    @property
    def hosts(self) -> set[str]:
        """The Host headers a request to this server may carry."""
        return {f"{LOOPBACK}:{self.server_port}", f"localhost:{self.server_port}"}


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves `/`, `/events` and `/pages/<digest>.png`; everything else is 404."""

    server: PreviewServer
    server_version = "briefing-preview"

    def version_string(self) -> str:
        """The Server header: no Python version to give away."""
        return self.server_version

    def do_GET(self) -> None:
        """Answer one GET request."""
        if self.headers.get("Host", "").lower() not in self.server.hosts:
            self._send(HTTPStatus.FORBIDDEN, b"wrong Host: open the address briefing printed")
            return
        path = urlsplit(self.path).path
        if path == "/":
            self._send_page()
        elif path == "/events":
            self._send_events()
        elif match := IMAGE_PATH.fullmatch(path):
            self._send_image(match["name"])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found")

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing: a line per request would bury the build's own lines."""

    def _send(self, status: HTTPStatus, body: bytes, content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _send_page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        snapshot = self.server.preview.snapshot
        html = self.server.template.render(state=snapshot.as_json(), nonce=nonce)
        self.send_response(HTTPStatus.OK)
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; img-src 'self' data:; connect-src 'self'; "
            f"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'",
        )
        body = html.encode("utf-8")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send_image(self, name: str) -> None:
        png = self.server.preview.image(name)
        if png is None:
            self._send(HTTPStatus.NOT_FOUND, b"no such page image (any more)")
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(png)))
        # Named by its pixels: the same name is always the same image.
        self.send_header("Cache-Control", "max-age=31536000, immutable")
        self.end_headers()
        self.wfile.write(png)

    def _send_events(self) -> None:
        """Stream a `build` event now and after each build, until the preview closes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        snapshot: Snapshot | None = preview.snapshot
        seen = -1
        try:
            # The current state first: a build may have finished since the page was served.
            self.wfile.write(f"retry: {RECONNECT_MS}\n".encode())
            while not preview.closed:
                if snapshot is None:
                    self.wfile.write(b": idle\n\n")
                else:
                    data = json.dumps(snapshot.as_json(), ensure_ascii=False)
                    self.wfile.write(f"event: build\ndata: {data}\n\n".encode())
                    seen = snapshot.build
                self.wfile.flush()
                snapshot = preview.wait_for_build(seen, KEEP_ALIVE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed


def serve(
    jobs: list[Job], emit: Callable[[Outcome], None], port: int | None, debug: bool = False
) -> int:
    """Watch the one brief in `jobs` and serve its preview on 127.0.0.1 until Ctrl-C."""
    if len(jobs) != 1:
        raise ConfigError(f"--serve previews one brief at a time, got {len(jobs)}: give one SOURCE")
    preview = Preview(jobs[0])
    server = PreviewServer(DEFAULT_PORT if port is None else port, preview)
    thread = threading.Thread(target=server.serve_forever, name="preview server", daemon=True)
    thread.start()
    print(f"preview at {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)

    def report(outcome: Outcome) -> None:
        emit(outcome)
        preview.publish(outcome)

    try:
        return watch(jobs, report, debug=debug)
    finally:
        preview.close()
        server.shutdown()
        server.server_close()
