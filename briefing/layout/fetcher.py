"""The only way WeasyPrint reads resources: local files through the build's door (the same
check every file a build reads passes), no network unless allowed."""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from PIL import Image, UnidentifiedImageError

from briefing.layout.weasyprint_adapter import load_weasyprint_module
from briefing.read.files import Door

if TYPE_CHECKING:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse
else:  # WeasyPrint loaded through the adapter: the fetcher is WeasyPrint's, only layout imports it
    _urls = load_weasyprint_module("urls")
    URLFetcher, URLFetcherResponse = _urls.URLFetcher, _urls.URLFetcherResponse
    FatalURLFetchingError = _urls.FatalURLFetchingError

MAX_RESOURCE_BYTES = 20_000_000
"""A local or remote resource larger than this is refused."""

MAX_IMAGE_PIXELS = 40_000_000
"""An image with more pixels than this (a decompression bomb) is refused before decoding."""

REMOTE_TIMEOUT = 10
"""Seconds before a remote fetch (with `--allow-remote`) gives up."""


class ResourceRefused(FatalURLFetchingError):  # type: ignore[misc]
    """A reference the build must not follow; stops the build with a clear message."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


Drawings = Callable[[str], bytes | None]
"""The SVG drawing a placeholder `data:` URI stands for (None for any other URL)."""


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serve `file:` only through `door` (none at all without one), `data:` always (a drawing's
    placeholder as its drawing), http(s) only if `allow_remote`."""

    def __init__(
        self, door: Door | None, allow_remote: bool = False, drawings: Drawings | None = None
    ) -> None:
        super().__init__(
            timeout=REMOTE_TIMEOUT,
            allowed_protocols={"http", "https", "data"},
            allow_redirects=allow_remote,
        )
        self.door = door
        self.allow_remote = allow_remote
        self.skipped: list[str] = []
        """Remote URLs left out because the network is off."""
        self.served: dict[Path, str] = {}
        """Local files read, with the SHA-256 of the bytes read, so a cache can tell when
        they change."""
        self.remote: list[str] = []
        """Remote URLs fetched (with --allow-remote): such a build is never cached."""
        self.missing: list[str] = []
        """Local files that do not exist: left out with a warning (alt text shows instead)."""
        self.refused: list[ResourceRefused] = []
        """Every refusal, kept because WeasyPrint swallows some exceptions (e.g. inside SVG)."""
        self.drawings = drawings
        self.failures: list[Exception] = []
        """Drawings that failed: WeasyPrint would only warn and show the alt text."""

    def fetch(self, url: str, headers: object = None) -> Any:
        try:
            return self._fetch(url, headers)
        except ResourceRefused as refused:
            self.refused.append(refused)
            raise

    def _fetch(self, url: str, headers: object) -> Any:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            drawing = self._drawing(url)
            if drawing is not None:
                return URLFetcherResponse(url, drawing, {"Content-Type": "image/svg+xml"})
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        if scheme in ("http", "https"):
            if not self.allow_remote:
                self.skipped.append(url)
                raise OSError(f"remote resource not fetched (use --allow-remote): {url}")
            return self._fetch_remote(url, headers)
        raise ResourceRefused(url, f"the '{scheme}:' scheme is not allowed")

    def _drawing(self, url: str) -> bytes | None:
        if self.drawings is None:
            return None
        try:
            return self.drawings(url)
        except Exception as failure:
            self.failures.append(failure)
            raise

    def _fetch_file(self, url: str) -> Any:
        written = Path(url2pathname(unquote(urlsplit(url).path)))
        path = written.resolve()
        if not path.exists():
            # Nothing to read, so nothing to leak: a missing image (or a site-root path
            # such as /assets/logo.png written for a web site) is left out with a warning.
            self.missing.append(url)
            self.served[path] = ""  # as the cache hashes a missing file: adding it rebuilds
            raise OSError(f"file not found: {url}")
        refusal = self.door.refusal(written) if self.door else "a file this build may not read"
        if refusal:
            raise ResourceRefused(url, refusal)
        if not path.is_file():
            raise ResourceRefused(url, "not a regular file")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise ResourceRefused(url, f"larger than {MAX_RESOURCE_BYTES:,} bytes")
        data = path.read_bytes()
        _check_image_size(url, data)
        self.served[path] = hashlib.sha256(data).hexdigest()
        return URLFetcherResponse(path.as_uri(), data)

    def _fetch_remote(self, url: str, headers: object) -> Any:
        self.remote.append(url)
        response = super().fetch(url, headers)
        body = response.read(MAX_RESOURCE_BYTES + 1)
        response.close()
        if len(body) > MAX_RESOURCE_BYTES:
            raise ResourceRefused(url, f"larger than {MAX_RESOURCE_BYTES:,} bytes")
        _check_image_size(url, body)
        return URLFetcherResponse(response.url, body, response.headers, response.status)


def _check_image_size(url: str, data: bytes) -> None:
    """Refuse raster images whose header announces too many pixels; reads only the header."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                pixels = image.width * image.height
        except Image.DecompressionBombError:
            pixels = 0  # so large that Pillow refused to open it
        except (UnidentifiedImageError, OSError, ValueError):
            return  # not a raster image Pillow knows: WeasyPrint judges it
    if pixels == 0 or pixels > MAX_IMAGE_PIXELS:
        size = f"{pixels:,}" if pixels else "far too many"
        raise ResourceRefused(url, f"image has {size} pixels; the limit is {MAX_IMAGE_PIXELS:,}")
