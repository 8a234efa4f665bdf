"""The labels of a brief's furniture ("Contents", "Page 1 of 3"…) in the brief's language.

Catalogues are TOML files in `briefing/locales/`, one per language; Babel parses the BCP 47 tag
(`fr-CA` falls back to `fr`) and writes dates the way the language writes them. A language with
no catalogue falls back to English labels with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup

from briefing.errors import ContentWarning

LOCALES_DIR = Path(__file__).parent.parent / "locales"
FALLBACK = "en"
# A tag without a region: the house style writes "25 November 2026" (Babel's bare `en` is US).
_DATE_LOCALE_WITHOUT_REGION = {"en": "en_GB"}
_SCAFFOLD_TABLE = "new"
"""The catalogue table of the text `briefing new` writes, apart from the labels."""
_LANGUAGE_KEY = re.compile(r"^\s*(language|lang)\s*[:=]", re.IGNORECASE)


@dataclass(frozen=True)
class Labels:
    """Every fixed text a reader sees in the furniture, in one language."""

    contents: str
    """Heading of the contents page and label of its navigation."""
    page_number: str
    """The page footer, e.g. "Page {page} of {pages}"; made into CSS by `styles`."""
    verification_notice: str
    """Label of the notice callout on the cover and in the email."""
    bottom_line: str
    """Heading of the summary ("bottom line up front")."""
    figure: str
    """The word before a figure's number, in captions and in `@fig:` references."""
    source: str
    """Before a table's or figure's source."""
    sources: str
    """Heading of the numbered Sources section and its contents entry."""
    colon: str
    """The colon after a label, with the space some languages put before it."""
    claims_to_verify: str
    """Heading of the appendix of unverified claims and its contents entry."""
    claims_note: str
    """The sentence under that heading."""
    verify: str
    """The mark in the margin beside an unverified claim."""
    on_page: str
    """After each claim in the appendix, e.g. " (page {page})"."""
    attached: str
    """The email's line before the attachment's name."""
    both: str
    """What two sides share, in the overlap figure."""
    draft: str
    """The watermark across every page of a draft."""
    memo_date: str
    """Label of the date in a memo's header block."""
    memo_from: str
    """Label of the author (and organisation) in a memo's header block."""
    memo_to: str
    """Label of the addressees in a memo's header block."""
    memo_classification: str
    """Label of the handling classification in a memo's header block."""
    table: str = "Table"
    """The word before a table's number in `@tbl:` references."""
    section: str = "section"
    """The word before a section's number in `@sec:` references."""
    references: str = "References"
    """Heading of the bibliography's References list and its contents entry."""
    abstract: str = "Abstract"
    """The label of the front matter's `abstract:` under the title."""
    equation: str = "Equation"
    """The word before an equation's number in `@eq-` references."""
    callout_note: str = "Note"
    """The default title of a note box (`!!! note`, `> [!NOTE]`, `.callout-note`)."""
    callout_tip: str = "Tip"
    callout_important: str = "Important"
    callout_warning: str = "Warning"
    callout_caution: str = "Caution"
    callout_danger: str = "Danger"
    reference_page: str = ", page {page}"
    """After a cross-reference in the handout, e.g. "Table 2, page 5"."""
    notice: str = (
        "Parts of this content were created using AI assistance. For accuracy, please "
        "cross-check with authoritative sources."
    )
    """The verification notice of an AI-assisted brief, as `briefing new` writes it."""
    notice_short: str = "Prepared with AI assistance — verify against authoritative sources."
    """The footer's short notice: the default when the front matter gives `notice` alone."""
    changes_since: str = "What changed since {date}"
    """Heading of the page after the cover that lists what changed since an earlier edition."""
    changes_none: str = "Nothing in the text, tables or figures changed."
    """That page's only line when the two editions read the same."""
    changes_cover: str = "cover"
    """Where a change to the cover's summary is, in place of a page number."""
    change_opening: str = "Before the first section"
    """The section heading for changes above the first heading."""
    change_added: str = "Added"
    """Before words, a sentence or a paragraph that is new."""
    change_deleted: str = "Deleted"
    """Before words or a paragraph that is gone (struck through in the redline)."""
    change_changed: str = "Changed"
    """Before "old" → "new"."""
    change_section_added: str = "New section"
    """The one line for a section that is new."""
    change_moved: str = "Moved here from"
    """Before the section a paragraph was moved from."""
    change_figure: str = "data changed"
    """After a figure's name when the data it draws changed."""
    change_claim_verified: str = "Claim now verified"
    change_claim_added: str = "Claim to verify added"
    change_claim_removed: str = "Claim to verify removed"
    verified: str = "verified"
    """The note in the redline's margin beside a claim verified since the old edition."""
    deleted: str = "deleted"
    """What a screen reader and a text search find before each deleted passage."""
    every_edition: str = "Every edition: this copy includes the sections for {editions}"
    """On the cover of a brief with editions built without `--edition`."""
    chart_data: str = "Chart data"
    """Heading of the appendix of charts' numbers (`data: appendix`) and its contents entry."""
    chart_bar: str = "Bar chart"
    chart_stacked_bar: str = "Stacked bar chart"
    chart_line: str = "Line chart"
    chart_dot: str = "Dot chart"
    chart_of: str = "{kind} of {what}, by {x}."
    """A generated alt text's first sentence: the chart's kind, what it measures, by what."""
    chart_range: str = "Values range from {low} to {high}."
    chart_extremes: str = "Highest: {high}; lowest: {low}."
    chart_rises: str = "{series} rises from {first} in {start} to {last} in {end}."
    chart_falls: str = "{series} falls from {first} in {start} to {last} in {end}."
    chart_flat: str = "{series} stays at about {first} from {start} to {end}."
    language: str = FALLBACK
    """The catalogue used: `en`, `fr`, `fr_CA`…"""
    date: str = ""
    """The brief's date written for its language (a free-form date as written)."""

    @property
    def styles(self) -> Markup:
        """CSS custom properties for the labels that the stylesheets print with `content:`."""
        page_before, page_between, page_after = _split(self.page_number, "{page}", "{pages}")
        on_page_before, on_page_after = _split(self.on_page, "{page}")
        reference_page_before, reference_page_after = _split(self.reference_page, "{page}")
        properties = {
            "--label-page-before": page_before,
            "--label-page-between": page_between,
            "--label-page-after": page_after,
            "--label-on-page-before": on_page_before,
            "--label-on-page-after": on_page_after,
            "--label-verify": self.verify,
            "--label-reference-page-before": reference_page_before,
            "--label-reference-page-after": reference_page_after,
        }
        lines = (f"  {name}: {_css_string(value)};" for name, value in properties.items())
        return Markup(":root {\n" + "\n".join(lines) + "\n}")


_LABEL_KEYS = tuple(
    field.name for field in fields(Labels) if field.name not in {"language", "date"}
)


def load_labels(
    language: str, date: dt.date | str | None = None, path: Path | None = None
) -> tuple[Labels, list[ContentWarning]]:
    """The labels for BCP 47 tag `language` and `date` written for it; English with a warning
    when no catalogue has the language. `path` (the brief) is where the warning points."""
    locale = _parse(language)
    name = _catalogue_name(locale) if locale else None
    warnings = []
    if name is None:
        available = ", ".join(sorted(_available()))
        message = (
            f"no labels for language '{language}' (there are: {available}): "
            "the brief's furniture is in English"
        )
        warnings.append(ContentWarning(path, _language_line(path), message))
    values = {**_catalogue(FALLBACK), **_catalogue(name or FALLBACK)}
    date_text = _format_date(date, locale)
    labels = Labels(**values, language=name or FALLBACK, date=date_text)
    return labels, warnings


def _parse(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def _catalogue_name(locale: Locale) -> str | None:
    """The most specific catalogue for `locale`: `fr_CA.toml`, else `fr.toml`."""
    candidates = [f"{locale.language}_{locale.territory}"] if locale.territory else []
    return next((name for name in [*candidates, locale.language] if name in _available()), None)


@cache
def _available() -> frozenset[str]:
    return frozenset(path.stem for path in LOCALES_DIR.glob("*.toml"))


def scaffold_words(language: str) -> dict[str, str]:
    """The placeholder text `briefing new` writes, in `language` where its catalogue has it
    (the `[new]` table), else in English."""
    locale = _parse(language)
    name = (_catalogue_name(locale) if locale else None) or FALLBACK
    return {**_scaffold(FALLBACK), **_scaffold(name)}


@cache
def _catalogue(name: str) -> dict[str, str]:
    """One catalogue's labels, checked against the keys `Labels` expects."""
    values = dict(_catalogue_file(name))
    values.pop(_SCAFFOLD_TABLE, None)
    unknown = sorted(set(values) - set(_LABEL_KEYS))
    if unknown or not all(isinstance(value, str) for value in values.values()):
        raise ValueError(f"{name}.toml: unknown keys {unknown} or a value that is not text")
    return {key: str(value) for key, value in values.items()}


@cache
def _scaffold(name: str) -> dict[str, str]:
    """One catalogue's `[new]` table: the starter brief's placeholder text."""
    values = _catalogue_file(name).get(_SCAFFOLD_TABLE, {})
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError(f"{name}.toml: [{_SCAFFOLD_TABLE}] must hold text values")
    return {str(key): str(value) for key, value in values.items()}


@cache
def _catalogue_file(name: str) -> dict[str, Any]:
    with (LOCALES_DIR / f"{name}.toml").open("rb") as stream:
        return tomllib.load(stream)


def _format_date(date: dt.date | str | None, locale: Locale | None) -> str:
    if date is None:
        return ""
    if not isinstance(date, dt.date):
        return str(date)  # a free-form date is kept as the author wrote it
    if locale is None:
        locale = Locale.parse(_DATE_LOCALE_WITHOUT_REGION[FALLBACK])
    elif not locale.territory and locale.language in _DATE_LOCALE_WITHOUT_REGION:
        locale = Locale.parse(_DATE_LOCALE_WITHOUT_REGION[locale.language])
    return format_date(date, format="long", locale=locale)


def _split(text: str, *placeholders: str) -> list[str]:
    """The literal parts of `text` around `placeholders`, which it holds in that order."""
    parts, rest = [], text
    for placeholder in placeholders:
        before, found, rest = rest.partition(placeholder)
        if not found:
            raise ValueError(f"label {text!r} lacks {placeholder} (in this order: {placeholders})")
        parts.append(before)
    return [*parts, rest]


def _css_string(text: str) -> str:
    """`text` as a CSS string that is also safe inside an HTML <style> element."""
    escaped = "".join(
        f"\\{ord(character):x} " if character in '\\"<>&\n' else character for character in text
    )
    return f'"{escaped}"'


def _language_line(path: Path | None) -> int | None:
    """The line of the front matter key that names the language, if there is one."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, 1) if _LANGUAGE_KEY.match(line)), None)
