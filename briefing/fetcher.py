"""The only door through which WeasyPrint reads resources: allowed folders, no network."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

LOG = logging.getLogger("briefing")

MAX_RESOURCE_BYTES = 20_000_000
"""A local or remote resource larger than this is refused."""

REMOTE_TIMEOUT = 10
"""Seconds before a remote fetch (with `--allow-remote`) gives up."""


class ResourceRefused(FatalURLFetchingError):  # type: ignore[misc]
    """A reference the build must not follow; stops the build with a clear message."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serve `file:` only from inside `roots`, `data:` always, http(s) only if `allow_remote`."""

    def __init__(self, roots: tuple[Path, ...], allow_remote: bool = False) -> None:
        super().__init__(
            timeout=REMOTE_TIMEOUT,
            allowed_protocols={"http", "https", "data"},
            allow_redirects=allow_remote,
        )
        self.roots = tuple(root.resolve() for root in roots)
        self.allow_remote = allow_remote
        self.skipped: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        if scheme in ("http", "https"):
            if not self.allow_remote:
                self.skipped.append(url)
                raise OSError(f"remote resource not fetched (use --allow-remote): {url}")
            return self._fetch_remote(url, headers)
        raise ResourceRefused(url, f"the '{scheme}:' scheme is not allowed")

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ResourceRefused(
                url,
                "outside the folders a briefing may read (the briefing's "
                "folder, templates/, styles/ and declared asset folders)",
            )
        if not path.is_file():
            raise ResourceRefused(url, "not a regular file")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise ResourceRefused(url, f"larger than {MAX_RESOURCE_BYTES:,} bytes")
        return URLFetcherResponse(path.as_uri(), path.read_bytes())

    def _fetch_remote(self, url: str, headers: object) -> URLFetcherResponse:
        response = super().fetch(url, headers)
        body = response.read(MAX_RESOURCE_BYTES + 1)
        response.close()
        if len(body) > MAX_RESOURCE_BYTES:
            raise ResourceRefused(url, f"larger than {MAX_RESOURCE_BYTES:,} bytes")
        return URLFetcherResponse(response.url, body, response.headers, response.status)
