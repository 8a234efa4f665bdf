"""Checking the rendered body: nesting depth (an error), images without alt text and links to
missing anchors (warnings, mended so the PDF stays valid and readable)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from briefing.errors import ContentError, ContentWarning

MAX_NESTING = 60
"""Elements nested deeper than this are refused: WeasyPrint's layout recurses per level."""

_IMAGE = re.compile(r"<img\b(?P<attributes>[^>]*)>")
_ALT = re.compile(r"""\salt=(?:"[^"]*[^"\s][^"]*"|'[^']*[^'\s][^']*')""")
_EMPTY_ALT = re.compile(r"""\salt=(?:""|''|(?=[\s/>]))""")
_SOURCE = re.compile(r"""\ssrc=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
_ID = re.compile(r'\sid="(?P<id>[^"]*)"')
_INTERNAL_LINK = re.compile(
    r'<a href="#(?P<anchor>[^"]*)"(?P<attributes>[^>]*)>(?P<text>.*?)</a>', re.S
)


@dataclass(frozen=True)
class AuditedHtml:
    """The body HTML after the audit, with the warnings it gave."""

    html: str
    warnings: tuple[ContentWarning, ...]


class _Audit(HTMLParser):
    """Measure element nesting, collect ids and internal links, find images without alt text."""

    _VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.deepest = 0
        self.images_without_alt: list[str] = []
        self.ids: set[str] = set()
        self.repeated_ids = False
        self.internal_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.repeated_ids |= values["id"] in self.ids
            self.ids.add(values["id"] or "")
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.internal_links.append(href[1:])
        if tag == "img" and not (values.get("alt") or "").strip():
            self.images_without_alt.append(values.get("src") or "")
        if tag not in self._VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID:
            self.depth = max(0, self.depth - 1)


def audit_html(
    body: str,
    source: Path,
    source_line: Callable[[str], int | None],
    outside_ids: frozenset[str] = frozenset(),
) -> AuditedHtml:
    """Check `body`, rendered from `source` (`source_line` finds the line that mentions a name).

    Content nested deeper than `MAX_NESTING` is refused. An image without alt text is given
    its file name as alt text, so the tagged PDF stays valid; a link to an anchor that is
    neither in `body` nor in `outside_ids` is printed as plain text. Both are warnings.
    """
    audit = _Audit()
    audit.feed(body)
    audit.close()
    if audit.deepest > MAX_NESTING:
        raise ContentError(
            f"content is nested {audit.deepest} levels deep; the limit is {MAX_NESTING}: "
            "flatten the lists or quotes",
            source,
        )
    warnings = [
        ContentWarning(
            source,
            source_line(image) if image else None,
            f"image {image!r} has no alt text, so a screen reader cannot describe it: "
            f"write it as ![what it shows]({image})",
        )
        for image in dict.fromkeys(audit.images_without_alt)
    ]
    if audit.images_without_alt:
        body = _IMAGE.sub(_describe_image, body)
    if audit.repeated_ids:  # e.g. `## <a id="x"></a>X`: the heading's own id is also "x"
        body = _drop_repeated_ids(body)
    known = audit.ids | outside_ids
    missing = [anchor for anchor in dict.fromkeys(audit.internal_links) if anchor not in known]
    warnings += [
        ContentWarning(
            source,
            source_line(f"#{anchor}"),
            f"link '#{anchor}' points to no heading, table or figure in this brief: "
            "printed as plain text",
        )
        for anchor in missing
    ]
    if missing:
        body = _INTERNAL_LINK.sub(lambda link: _unlink(link, set(missing)), body)
    return AuditedHtml(body, tuple(warnings))


def _drop_repeated_ids(body: str) -> str:
    """Keep the first element with each id; an anchor must lead to one place."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match["id"] in seen:
            return ""
        seen.add(match["id"])
        return match[0]

    return _ID.sub(keep_first, body)


def _describe_image(match: re.Match[str]) -> str:
    attributes = match["attributes"]
    if _ALT.search(attributes):
        return match[0]
    found = _SOURCE.search(attributes)
    address = (found["double"] or found["single"] or "") if found else ""
    name = html.unescape(address).rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "image"
    attributes = _EMPTY_ALT.sub("", attributes)
    return f'<img alt="{html.escape(name)}"{attributes}>'


def _unlink(link: re.Match[str], missing: set[str]) -> str:
    if html.unescape(link["anchor"]) not in missing:
        return link[0]
    return f'<span class="unresolved-link">{link["text"]}</span>'
