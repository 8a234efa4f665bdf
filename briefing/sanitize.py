"""Raw HTML in Markdown is data: keep an allowlist of harmless tags, drop everything else."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import nh3

from .errors import ContentError

MAX_NESTING = 60
"""Elements nested deeper than this are refused: WeasyPrint's layout recurses per level."""

_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href"},
    "img": {"alt", "height", "src", "width"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "data"}


def sanitize_html(html: str) -> str:
    """Strip scripts, frames, forms, `<link>`, `<base>`, `<meta>`, styles, event handlers and
    `javascript:` URLs from `html`, keeping document markup."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class _Audit(HTMLParser):
    """Measure element nesting and find images without alt text."""

    _VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.deepest = 0
        self.images_without_alt: list[str] = []
        self.ids: set[str] = set()
        self.internal_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.internal_links.append(href)
        if tag == "img" and not (values.get("alt") or "").strip():
            self.images_without_alt.append(values.get("src") or "")
        if tag not in self._VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID:
            self.depth = max(0, self.depth - 1)


def audit_html(
    html: str,
    source: Path,
    source_line: Callable[[str], int | None],
    outside_ids: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Refuse HTML from `source` nested deeper than `MAX_NESTING`, with an image lacking alt
    text, or with an internal link to no anchor in it or in `outside_ids` (`source_line` finds
    the line that mentions a name)."""
    audit = _Audit()
    audit.feed(html)
    if audit.deepest > MAX_NESTING:
        raise ContentError(
            f"content is nested {audit.deepest} levels deep; the limit is {MAX_NESTING}: "
            "flatten the lists or quotes",
            source,
        )
    if audit.images_without_alt:
        image = audit.images_without_alt[0]
        raise ContentError(
            f"image {image!r} has no alt text: write it as ![what it shows]({image})",
            source,
            source_line(image) if image else None,
        )
    for link in audit.internal_links:
        if link[1:] not in audit.ids | outside_ids:
            raise ContentError(
                f"link {link!r} points to no heading, table or figure in this brief",
                source,
                source_line(link),
            )
