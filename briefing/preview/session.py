"""`briefing preview SOURCE` (`--watch --serve`): the pages as they print, in a browser.

The watcher builds as it always does; after each build the preview renders the PDF's pages to
PNG (pypdfium2) and tells every open page over server-sent events, which swaps the images in
place. A failed build shows its error and keeps the last good pages. Images are named by a
digest of their pixels, so a page that did not change keeps its URL and is not fetched again.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, field, replace
from typing import Any

from briefing.runner.job import Job, Outcome, one_line

DEFAULT_PORT = 8642
"""The port `--serve` listens on when `--port` is not given."""

SCALE = 1.5
"""Pixels per PDF point (108 dpi): sharp at the width the page shows an A4 or Letter page."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: its PNG and the name it is served under."""

    name: str
    png: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Snapshot:
    """What the web page shows: the last good pages and what the latest build said."""

    build: int = 0
    """Counts the builds reported since the preview started (0: none yet)."""
    title: str = ""
    result: str = ""
    """The latest result line, as the terminal shows it."""
    error: str | None = None
    """The latest build's error lines; None when it succeeded."""
    pages: tuple[PageImage, ...] = ()
    warnings: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    """Each claim still to verify, as `line N: text`."""

    def as_json(self) -> dict[str, Any]:
        """The snapshot as the page's script reads it."""
        pages = [
            {"url": f"/pages/{page.name}.png", "width": page.width, "height": page.height}
            for page in self.pages
        ]
        return {
            "build": self.build,
            "title": self.title,
            "result": self.result,
            "error": self.error,
            "pages": pages,
            "warnings": list(self.warnings),
            "claims": list(self.claims),
        }


@dataclass
class Preview:
    """The preview's state, shared by the watcher (which publishes) and the web server's
    threads (which read it and wait for the next build)."""

    job: Job
    snapshot: Snapshot = field(default_factory=Snapshot)
    closed: bool = False
    _images: dict[str, bytes] = field(default_factory=dict)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, outcome: Outcome) -> None:
        """Take in a finished build: render its pages, or keep the last good ones on error."""
        build = self.snapshot.build + 1
        result = outcome.lines[0] if outcome.lines else ""
        if outcome.error:  # the result line stays the last good build's, as its pages do
            self.show(replace(self.snapshot, build=build, error=outcome.error))
            return
        try:
            data = outcome.pdfs[0].read_bytes()  # the first profile's, as the build names them
        except (IndexError, OSError) as error:  # removed since the build: its rebuild follows
            message = "no PDF was written" if isinstance(error, IndexError) else one_line(error)
            self.show(replace(self.snapshot, build=build, result=result, error=message))
            return
        pages = render_pages(data, {page.name: page for page in self.snapshot.pages})
        snapshot = Snapshot(
            build, outcome.title, result, None, pages, outcome.warnings, outcome.claims
        )
        self.show(snapshot)

    def show(self, snapshot: Snapshot) -> None:
        """Show `snapshot`; the previous pages stay served for a page still fetching them."""
        with self._changed:
            kept = {page.name: page.png for page in (*self.snapshot.pages, *snapshot.pages)}
            self._images = kept
            self.snapshot = snapshot
            self._changed.notify_all()

    def image(self, name: str) -> bytes | None:
        """The PNG of a page served as `name`, if it is current (or just replaced)."""
        with self._changed:
            return self._images.get(name)

    def wait_for_build(self, seen: int, timeout: float) -> Snapshot | None:
        """The snapshot once a build after build `seen` is in; None on timeout or when
        the preview closes."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.snapshot.build > seen, timeout)
            return None if self.closed or self.snapshot.build <= seen else self.snapshot

    def close(self) -> None:
        """Let every waiting event stream end."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def render_pages(pdf: bytes, previous: dict[str, PageImage]) -> tuple[PageImage, ...]:
    """Every page of `pdf` as a PNG named by a digest of its pixels; a page whose pixels
    are among `previous` reuses that PNG rather than encoding it again."""
    import pypdfium2  # deferred: only the preview draws pages

    pages = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=SCALE)
            digest = hashlib.blake2b(f"{bitmap.width}x{bitmap.height}".encode(), digest_size=12)
            digest.update(bitmap.buffer)
            name = digest.hexdigest()
            if name in previous:
                pages.append(previous[name])
            else:
                image = bitmap.to_pil()
                png = io.BytesIO()
                image.save(png, "PNG", compress_level=1)  # fast: a local page, not the web
                pages.append(PageImage(name, png.getvalue(), image.width, image.height))
            bitmap.close()
            page.close()
    finally:
        document.close()
    return tuple(pages)
