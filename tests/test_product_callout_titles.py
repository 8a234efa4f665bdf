"""Callout boxes take their default titles from the brief's language, whichever way they are
written (Quarto's `::: {.callout-note}`, `!!! note`, GitHub's `> [!NOTE]`); a title the
author wrote prints as written."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefing.read.labels import load_labels
from briefing.render.callouts import TITLE_LABELS, callout_title

from .conftest import WriteProject, build_pdf
from .pdfread import page_texts

KINDS = ("note", "tip", "warning", "important", "caution")
ENGLISH = {"note": "NOTE", "tip": "TIP", "warning": "WARNING", "important": "IMPORTANT"}
ENGLISH |= {"caution": "CAUTION", "danger": "DANGER"}
TITLES = {
    "fr": {"note": "NOTE", "tip": "ASTUCE", "warning": "AVERTISSEMENT"}
    | {"important": "IMPORTANT", "caution": "MISE EN GARDE", "danger": "DANGER"},
    "de": {"note": "HINWEIS", "tip": "TIPP", "warning": "WARNUNG"}
    | {"important": "WICHTIG", "caution": "VORSICHT", "danger": "GEFAHR"},
}
"""The default titles as printed (the theme sets them in capitals)."""


def _brief(language: str, syntax: str) -> str:
    """A brief in `language` with one box of each kind written in `syntax`, and two boxes
    whose titles the author chose."""
    if syntax == "quarto":
        boxes = [f"::: {{.callout-{kind}}}\nBox {kind}.\n:::" for kind in KINDS]
        boxes += ['::: {.callout-tip title="Own Title"}\nBox titled.\n:::']
        boxes += ["::: {.callout-warning}\n## Heading Title\nBox headed.\n:::"]
    elif syntax == "admonition":
        boxes = [f"!!! {kind}\n    Box {kind}." for kind in (*KINDS, "danger")]
        boxes += ['!!! tip "Own Title"\n    Box titled.']
    else:
        boxes = [f"> [!{kind.upper()}]\n> Box {kind}." for kind in KINDS]
    body = "\n\n".join(boxes)
    return f"---\ntitle: Boxes\nlang: {language}\n---\n\n# Boxes\n\n{body}\n"


def _titles(pdf: Path) -> list[str]:
    """The callout titles of `pdf`: each line before a box's text."""
    lines = "\n".join(page_texts(pdf)).splitlines()
    return [line for line, after in itertools.pairwise(lines) if after.startswith("Box ")]


@pytest.mark.parametrize("syntax", ["quarto", "admonition", "alert"])
@pytest.mark.parametrize("language", ["fr", "de"])
def test_default_callout_titles_are_in_the_brief_language(
    write_project: WriteProject, language: str, syntax: str
) -> None:
    root = write_project({"boxes.md": _brief(language, syntax)})
    titles = _titles(build_pdf(root / "boxes.md"))
    kinds = [*KINDS, "danger"] if syntax == "admonition" else list(KINDS)
    expected = [TITLES[language][kind] for kind in kinds]
    expected += {"quarto": ["OWN TITLE", "HEADING TITLE"], "admonition": ["OWN TITLE"]}.get(
        syntax, []
    )
    assert titles == expected
    english = {ENGLISH[kind] for kind in kinds} - set(TITLES[language].values())
    assert not english & set(titles)


def test_english_briefs_keep_the_english_titles(write_project: WriteProject) -> None:
    root = write_project({"boxes.md": _brief("en", "quarto").replace("lang: en\n", "")})
    titles = _titles(build_pdf(root / "boxes.md"))
    assert titles == [ENGLISH[kind] for kind in KINDS] + ["OWN TITLE", "HEADING TITLE"]


def test_every_catalogue_titles_every_kind() -> None:
    for language in ("en", "fr", "de", "ar"):
        labels, warnings = load_labels(language)
        assert not warnings
        titles = [callout_title(kind, labels) for kind in TITLE_LABELS]
        assert all(titles) and len(set(titles)) == len(titles), language
    assert callout_title("judgement", load_labels("fr")[0]) == "Judgement"
