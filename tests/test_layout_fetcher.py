"""Remote resources with --allow-remote, against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.cli.main import main

from .conftest import WriteProject
from .pdfread import page_texts

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="30">'
    b'<text x="0" y="20" font-family="Inter">REMOTE-BADGE</text></svg>'
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/badge.svg":
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(SVG)
        else:  # a redirect to a local file must never be followed
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_allow_remote_fetches_http_images(
    server: str, write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project({"b.md": f"# Remote\n\n![badge]({server}/badge.svg)\n"})
    output = tmp_path / "b.pdf"
    assert main([str(project / "b.md"), "-o", str(output), "--allow-remote"]) == 0
    assert "REMOTE-BADGE" in "".join(page_texts(output))


def test_without_allow_remote_nothing_is_fetched(
    server: str, write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"b.md": f"# Remote\n\n![the badge]({server}/badge.svg)\n"})
    output = tmp_path / "b.pdf"
    assert main([str(project / "b.md"), "-o", str(output)]) == 0
    text = "".join(page_texts(output))
    assert "REMOTE-BADGE" not in text and "the badge" in text
    assert "b.md:3: warning: remote resource left out" in capsys.readouterr().err


def test_redirect_to_another_scheme_is_refused(
    server: str, write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"b.md": f"# Remote\n\n![x]({server}/elsewhere.png)\n"})
    output = tmp_path / "b.pdf"
    assert main([str(project / "b.md"), "-o", str(output), "--allow-remote"]) == 0
    assert "root:" not in "".join(page_texts(output))
    err = capsys.readouterr().err
    assert "Redirection to url 'file:///etc/passwd' is not allowed" in err


def test_declared_asset_folder_is_readable_and_nothing_else(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assets = tmp_path / "shared-assets"
    assets.mkdir()
    (assets / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20">'
        '<text x="0" y="15" font-family="Inter">ASSET-LOGO</text></svg>'
    )
    project = write_project({"b.md": f"# Logo\n\n![Our logo]({assets / 'logo.svg'})\n"})
    output = tmp_path / "b.pdf"
    assert main([str(project / "b.md"), "-o", str(output)]) == 1
    assert "outside the folders" in capsys.readouterr().err
    assert main([str(project / "b.md"), "-o", str(output), "--assets", str(assets)]) == 0
    assert "ASSET-LOGO" in "".join(page_texts(output))
