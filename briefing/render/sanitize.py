"""Raw HTML in Markdown is data: keep an allowlist of harmless tags, drop everything else."""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "dir", "id", "lang", "title"},
    "a": {"href"},
    "col": {"span", "style"},  # a column's width; no style property but these two is kept
    "div": {"style"},  # a column's width (`::: {.column width="40%"}`)
    "img": {"alt", "height", "src", "width"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan", "style"},  # a column's alignment (`|--:|`)
    "th": {"align", "colspan", "rowspan", "scope", "style"},
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
        filter_style_properties={"width", "text-align"},
        strip_comments=True,
    )
