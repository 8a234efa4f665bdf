"""`briefing preview`: the page in Debian's headless Chromium, and its server over plain HTTP.

Every wait ends on an event (a line from the preview process, a condition in the page's DOM)
and is bounded by WAIT_SECONDS only to fail rather than hang; nothing sleeps a fixed time.
"""

from __future__ import annotations

import http.client
import io
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from briefing.cli.main import main
from briefing.config import Config
from briefing.preview.server import PreviewServer
from briefing.preview.session import SCALE, Preview, Snapshot, render_pages
from briefing.runner.job import Job

from .conftest import DEADLINE, MINIMAL_BRIEF, WriteProject
from .conftest import PROJECT_ROOT as ROOT
from .processes import Lines

WAIT_SECONDS = DEADLINE
"""The longest any wait for the browser may take before the test fails (a bound, not a pace)."""

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

BRIEF = MINIMAL_BRIEF + "\n{?The sky is green on Tuesdays.?} As argued in [@nowhere].\n"
"""A brief with one claim to verify and one warning (a citation of an undeclared source)."""

MORE = "".join(f"\n## Added section {number}\n\n" + "More words to fill a page. " * 40 + "\n"
               for number in range(12))  # fmt: skip
"""Enough text to add pages."""

IMAGES_SHOWN = """
const images = [...document.querySelectorAll("#pages img")];
const drawn = images.every((image) => image.complete && image.naturalWidth > 0);
const settled = document.body.dataset.shown === document.body.dataset.build;
return images.length > (arguments[0] || 0) && drawn && settled
  ? images.map((image) => image.getAttribute("src")) : null;
"""
"""The page images' URLs once the latest build's are all on screen, loaded and drawn, and
there are more than `arguments[0]` (default 0); null before."""

COUNT_BARE_SWAPS = """
window.bareSwaps = 0;
new MutationObserver((records) => {
  for (const record of records) {
    const removed = [...record.removedNodes].some((node) => node.nodeName === "IMG");
    const added = [...record.addedNodes].some((node) => node.nodeName === "IMG");
    if (removed && !added) window.bareSwaps += 1;
  }
}).observe(document.getElementById("pages"), {childList: true, subtree: true});
"""
"""Counts page images taken away without their replacement in the same step (a flicker)."""


NOT_SERVED = (
    "/../pyproject.toml", "/%2e%2e/pyproject.toml", "/brief.md", "/pages/", "/events/x",
    "/pages/../../briefing.toml", "/pages/0123456789abcdef01234567.png", "//etc/passwd",
    "/preview.html", "/theme/preview/preview.html",
)  # fmt: skip
"""Paths the server answers 404: files on disk, its own template, images it never made."""


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through its chromedriver (nothing downloaded)."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are not installed: ./tasks.sh setup")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1200,900"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def preview_process(write_project: WriteProject) -> Iterator[tuple[Path, str, Lines]]:
    """`briefing preview brief.md --port 0` in a project of its own: (brief, URL, stderr)."""
    project = write_project({"brief.md": BRIEF})
    command = [sys.executable, str(ROOT / "build.py"), "preview", "brief.md", "--port", "0"]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, bufsize=1)  # fmt: skip
    output, errors = Lines(process.stdout), Lines(process.stderr)
    try:
        url = errors.wait_for("preview at ").split()[2]
        yield project / "brief.md", url, errors
    finally:
        process.terminate()
        process.wait(timeout=DEADLINE)
        output.close()
        errors.close()


def _wait(driver: Any, script: str, *arguments: object) -> Any:
    """Wait until `script` returns something truthy in the page; return it."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS).until(
        lambda driver: driver.execute_script(script, *arguments)
    )


def _texts(driver: Any, selector: str) -> list[str]:
    script = "return [...document.querySelectorAll(arguments[0])].map((node) => node.textContent);"
    return list(driver.execute_script(script, selector))


def test_preview_shows_pages_and_follows_edits_in_chromium(
    browser: Any, preview_process: tuple[Path, str, Lines]
) -> None:
    source, url, errors = preview_process
    browser.get(url)
    shown = _wait(browser, IMAGES_SHOWN)
    pdf = source.parent / "build" / "brief.pdf"
    assert len(shown) == len(PdfReader(pdf).pages)
    assert _fetch_pixels(url, shown[0]) == _pdf_pixels(pdf, 0), "page 1 is not what prints"
    assert any("The sky is green on Tuesdays." in claim for claim in _texts(browser, "#claims li"))
    assert any("nowhere" in warning for warning in _texts(browser, "#warnings li"))
    errors.wait_for("watching ")  # the first build is in: every edit from now on is rebuilt
    browser.execute_script(COUNT_BARE_SWAPS)

    source.write_text(BRIEF + MORE, encoding="utf-8")
    longer = _wait(browser, IMAGES_SHOWN, len(shown))
    assert len(longer) == len(PdfReader(pdf).pages)
    assert longer[-1] not in shown, "the new last page is a new image"
    assert browser.execute_script("return window.bareSwaps") == 0, "a page was blank while swapped"

    source.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    _wait(browser, "return !document.getElementById('error').hidden")
    assert "invalid YAML" in browser.find_element("id", "error-text").text
    assert _wait(browser, IMAGES_SHOWN) == longer, "the last good pages stay"

    source.write_text(BRIEF, encoding="utf-8")
    _wait(browser, "return document.getElementById('error').hidden")
    assert len(_wait(browser, IMAGES_SHOWN)) == len(shown)


def _fetch_pixels(url: str, path: str) -> bytes:
    connection = http.client.HTTPConnection(url.split("/")[2], timeout=DEADLINE)
    connection.request("GET", path)
    with Image.open(io.BytesIO(connection.getresponse().read())) as image:
        return image.convert("RGB").tobytes()


def _pdf_pixels(pdf: Path, index: int) -> bytes:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return bytes(document[index].render(scale=SCALE).to_pil().convert("RGB").tobytes())
    finally:
        document.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    """A preview server in this process, showing one blank page."""
    preview = Preview(Job(tmp_path / "brief.md", tmp_path / "brief.pdf", Config()))
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    pdf = io.BytesIO()
    writer.write(pdf)
    preview.show(Snapshot(build=1, pages=render_pages(pdf.getvalue(), {})))
    server = PreviewServer(0, preview)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        preview.close()
        server.shutdown()
        server.server_close()


def _get(server: PreviewServer, path: str, host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=DEADLINE)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.server_port}")
    connection.endheaders()
    return connection.getresponse()


def test_server_serves_its_page_images_and_events_and_nothing_else(
    server: PreviewServer,
) -> None:
    assert server.server_address[0] == "127.0.0.1"
    page = _get(server, "/")
    assert page.status == 200 and "script-src 'nonce-" in page.headers["Content-Security-Policy"]
    image = f"/pages/{server.preview.snapshot.pages[0].name}.png"
    assert image in page.read().decode()
    assert _get(server, image).headers["Content-Type"] == "image/png"
    events = _get(server, "/events")
    assert events.headers["Content-Type"] == "text/event-stream"
    assert events.readline() == b"retry: 1000\n" and events.readline() == b"event: build\n"
    assert image in events.readline().decode()
    events.close()
    for path in NOT_SERVED:
        assert _get(server, path).status == 404, path
    assert _get(server, "/", host="attacker.example").status == 403  # DNS rebinding
    assert _get(server, "/", host=f"localhost:{server.server_port}").status == 200


def test_server_listens_on_loopback_only(server: PreviewServer) -> None:
    address = _outward_address()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    with pytest.raises(OSError), socket.create_connection((address, server.server_port), 5):
        pass


def _outward_address() -> str | None:
    """An address of this machine other than loopback (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_preview_reports_a_busy_port_in_one_line(
    write_project: WriteProject, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"brief.md": BRIEF})
    monkeypatch.chdir(project)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["preview", "brief.md", "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_serve_previews_one_brief_and_port_needs_it(
    write_project: WriteProject, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"a.md": BRIEF, "b.md": BRIEF})
    monkeypatch.chdir(project)
    assert main(["--watch", "--serve", "a.md", "b.md"]) == 1
    assert "one brief at a time" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["a.md", "--port", "8642"])
    assert usage.value.code == 2
