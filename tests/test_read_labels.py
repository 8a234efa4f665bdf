"""The furniture's labels follow the brief's language: catalogues, dates, PDFs and the email."""

from __future__ import annotations

import datetime as dt
import email
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pypdf
import pyphen
import pytest

from briefing.cli.main import main
from briefing.cli.new_brief import new_brief
from briefing.config import Config
from briefing.errors import ConfigError
from briefing.read.document import read_briefing
from briefing.read.labels import LOCALES_DIR, Labels, load_labels
from briefing.render.body import render_body
from briefing.render.html import render_html

from .conftest import WriteProject
from .pdfread import page_texts

LONG_WORD = "anticonstitutionnellement"

# The English labels a reader could see: none may survive in a translated brief.
ENGLISH = (
    "Contents",
    "Page 1 of",
    "Verification notice",
    "Bottom line up front",
    "Claims to verify",
    "verify",
    "Figure 1:",
    "Source:",
    "full brief is attached",
)

FRONT_MATTER = """---
title: "{title}"
date: 2026-11-25
author: "{author}"
language: {language}
ai_assisted: true
notice: "{notice}"
notice_short: "{notice_short}"
summary: ["{point}"]
sources:
  traite: "{source}"
---

# {heading}

{text} {{?{claim}?}} [@traite].

::: table comparaison

@fig:chronologie.

::: figure chronologie
"""

BRIEFS = {
    "fr": {
        "title": "Relations OTAN–UE",
        "author": "Cellule de synthèse",
        "notice": "Texte rédigé en partie avec l’aide d’une IA : vérifiez-le.",
        "notice_short": "Rédigé avec l’aide d’une IA.",
        "point": "Premier point essentiel.",
        "source": "Traité de l’Atlantique Nord, 1949.",
        "heading": "Contexte",
        "text": "Les relations entre les deux organisations restent étroites",
        "claim": "selon certains observateurs",
        "table": ["Aspect", "Option A", "Option B", "Option C", "Option D", "Option E"],
    },
    "de": {
        "title": "Beziehungen NATO–EU",
        "author": "Lagezentrum",
        "notice": "Teilweise mit KI-Unterstützung erstellt: bitte prüfen.",
        "notice_short": "Mit KI-Unterstützung erstellt.",
        "point": "Der erste wichtige Punkt.",
        "source": "Nordatlantikvertrag, 1949.",
        "heading": "Hintergrund",
        "text": "Die Beziehungen zwischen beiden Organisationen bleiben eng",
        "claim": "nach Ansicht mancher Beobachter",
        "table": ["Aspekt", "Weg A", "Weg B", "Weg C", "Weg D", "Weg E"],
    },
    "ar": {
        "title": "العلاقات بين الناتو والاتحاد الأوروبي",
        "author": "وحدة الإحاطة",
        "notice": "أُعدَّ جزء من هذا المحتوى بمساعدة الذكاء الاصطناعي.",
        "notice_short": "أُعدَّ بمساعدة الذكاء الاصطناعي.",
        "point": "النقطة الأولى.",
        "source": "معاهدة شمال الأطلسي، 1949.",
        "heading": "السياق",
        "text": "تبقى العلاقات بين المنظمتين وثيقة",
        "claim": "بحسب بعض المراقبين",
        "table": ["الجانب", "الخيار أ", "الخيار ب", "الخيار ج", "الخيار د", "الخيار هـ"],
    },
}


def _brief_files(language: str) -> dict[str, str]:
    """A brief in `language` with a claim, a source, a narrow six-column table and a figure."""
    words = BRIEFS[language]
    columns = words["table"]
    assert isinstance(columns, list)
    cells = ", ".join(f'"{LONG_WORD}"' for _ in columns[1:])
    return {
        "brief.md": FRONT_MATTER.format(language=language, **words),
        "data/comparaison.yaml": (
            f'caption: "{words["heading"]}"\nsource: "{words["author"]}"\n'
            f"columns: [{', '.join(f'{column!r}' for column in columns)}]\n"
            f'rows:\n  - ["{words["point"]}", {cells}]\n'
        ),
        "data/chronologie.yaml": (
            f'type: timeline\ncaption: "{words["heading"]}"\nalt: "{words["point"]}"\n'
            f'source: "{words["author"]}"\nevents:\n  - {{year: 2020, label: "2020"}}\n'
            '  - {year: 2024, label: "2024"}\n'
        ),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language's brief built once (French also in the email profile, with its draft)."""
    outputs = {}
    for language in BRIEFS:
        folder = tmp_path_factory.mktemp(language)
        for relative, text in _brief_files(language).items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text, encoding="utf-8")
        output = folder / "out" / f"brief-{language}.pdf"
        extra = ["--eml"] if language == "fr" else []
        assert main([str(folder / "brief.md"), "-o", str(output), "--force", *extra]) == 0
        outputs[language] = output
    return outputs


def _logical_text(pdf: Path) -> str:
    """The PDF's text in reading order (pypdf keeps right-to-left text in logical order)."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)


def test_every_catalogue_has_every_label_with_its_placeholders() -> None:
    english, _ = load_labels("en")
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        labels, warnings = load_labels(path.stem)
        assert not warnings
        assert labels.language == path.stem
        text = path.read_text(encoding="utf-8")
        for key in vars(english):
            if key not in {"language", "date"}:
                assert re.search(rf"^{key} = ", text, re.MULTILINE), f"{path.name} lacks {key}"
        assert re.fullmatch(r".*\{page\}.*\{pages\}.*", labels.page_number)
        assert "{page}" in labels.on_page
    assert {"en", "fr", "de", "ar"} <= {path.stem for path in LOCALES_DIR.glob("*.toml")}


@pytest.mark.parametrize(
    ("language", "catalogue", "date"),
    [
        ("en", "en", "25 November 2026"),
        ("en-US", "en", "November 25, 2026"),
        ("fr", "fr", "25 novembre 2026"),
        ("fr-CA", "fr", "25 novembre 2026"),
        ("de-AT", "de", "25. November 2026"),
        ("ar", "ar", "25 نوفمبر 2026"),
    ],
)
def test_language_picks_its_catalogue_and_writes_its_date(
    language: str, catalogue: str, date: str
) -> None:
    labels, warnings = load_labels(language, dt.date(2026, 11, 25))
    assert (labels.language, labels.date, warnings) == (catalogue, date, [])


def test_free_form_date_is_kept_as_written() -> None:
    labels, _ = load_labels("fr", "février 2019")
    assert labels.date == "février 2019"


@pytest.mark.parametrize("language", ["tlh", "xx", "es"])
def test_unknown_language_falls_back_to_english_with_a_warning(
    language: str, write_project: WriteProject
) -> None:
    headings = "# Eins\n\n# Zwei\n\n# Drei\n"  # three: enough for a contents page
    project = write_project({"b.md": f"---\ntitle: T\nlanguage: {language}\n---\n{headings}"})
    briefing = read_briefing(project / "b.md")
    body = render_body(briefing, Config())
    html = render_html(briefing, Config(), body=body)
    assert briefing.labels == load_labels("en")[0]
    assert '<h2 class="contents-heading">Contents</h2>' in html
    assert '--label-page-between: " of ";' in html
    [warning] = [warning for warning in briefing.warnings if "labels" in warning.message]
    assert (warning.path, warning.line) == (project / "b.md", 3)
    assert f"no labels for language '{language}'" in warning.message
    assert "English" in warning.message


def test_label_styles_cannot_leave_their_style_element() -> None:
    english, _ = load_labels("en")
    labels = Labels(**{**vars(english), "verify": 'a "b" </style><script>'})
    assert labels.styles.count('"') == 16  # eight properties, each one string
    assert "</style>" not in labels.styles
    assert '--label-verify: "a \\22 b\\22  \\3c /style\\3e \\3c script\\3e ";' in labels.styles


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Sommaire",
                "Page 1 sur 4",
                "AVIS DE VÉRIFICATION",
                "L’essentiel en bref",
                "Affirmations à vérifier",
                "À VÉRIFIER",
                "Figure 1\u00a0:",
                "Source\u00a0: Cellule de synthèse",
                "25 novembre 2026",
                "(page 3)",
            ],
        ),
        (
            "de",
            [
                "Inhalt",
                "Seite 1 von 4",
                "PRÜFHINWEIS",
                "Das Wichtigste vorab",
                "Zu prüfende Aussagen",
                "Quellen",
                "PRÜFEN",
                "Abbildung 1:",
                "Quelle: Lagezentrum",
                "25. November 2026",
                "(Seite 3)",
            ],
        ),
    ],
)
def test_pdf_furniture_is_in_the_brief_language(
    built: dict[str, Path], language: str, expected: list[str]
) -> None:
    text = "\n".join(page_texts(built[language]))
    for label in expected:
        # pdfplumber reads a no-break space as a space
        assert label.replace("\u00a0", " ") in text, f"{label!r} missing from the {language} PDF"
    for label in ENGLISH:
        assert label.lower() not in text.lower(), f"English {label!r} in the {language} PDF"


def test_arabic_pdf_furniture_is_in_arabic(built: dict[str, Path]) -> None:
    text = _logical_text(built["ar"])
    for label in ("المحتويات", "تنبيه التحقق", "الخلاصة أولاً", "المصادر", "صفحة", "الشكل"):
        assert label in text, f"{label!r} missing from the Arabic PDF"
    assert "ادعاءات تحتاج إلى تحقق" in text
    assert "نوفمبر" in text  # the month; pypdf orders the digits around it unreliably
    for label in ENGLISH:
        assert label.lower() not in text.lower(), f"English {label!r} in the Arabic PDF"


def test_french_email_draft_is_in_french(built: dict[str, Path]) -> None:
    draft = built["fr"].with_suffix(".eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    for kind in ("plain", "html"):
        part = message.get_body((kind,))
        assert part is not None
        body = part.get_content()
        for label in (
            "L’essentiel en bref",
            "Avis de vérification",
            "Le dossier complet est joint",
        ):
            assert label in body, f"{label!r} missing from the {kind} body"
        assert "25 novembre 2026" in body
        for label in ENGLISH:
            assert label not in body


@pytest.mark.parametrize("language", ["fr", "de"])
def test_brief_hyphenates_by_its_language(built: dict[str, Path], language: str) -> None:
    """WeasyPrint hyphenates by the `lang` attribute: the long word in the narrow columns
    breaks with a hyphen, at a point the language's own hyphenation dictionary allows."""
    text = "\n".join(page_texts(built[language]))
    breaks = {len(piece) for piece in re.findall(rf"\b({LONG_WORD[:8]}[a-z]*)[-\u2010]\s", text)}
    assert breaks, f"{LONG_WORD} is never hyphenated in the {language} brief"
    allowed = set(pyphen.Pyphen(lang=language).positions(LONG_WORD))
    assert breaks <= allowed, f"breaks {breaks}, {language} allows {sorted(allowed)}"


def test_new_brief_takes_a_language_and_a_title_in_any_script(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 25)
    [french, *_] = new_brief("Relations OTAN–UE", tmp_path, Config(), today, "fr")
    [arabic, *_] = new_brief(
        "العلاقات بين الناتو والاتحاد الأوروبي", tmp_path, Config(), today, "ar"
    )
    assert french.name == "relations-otan-ue.md"
    assert arabic.name == "العلاقات-بين-الناتو-والاتحاد-الأوروبي.md"
    assert re.search(r"^language: \"ar\" ", arabic.read_text(encoding="utf-8"), re.MULTILINE)
    assert read_briefing(french).metadata.language == "fr"
    with pytest.raises(ConfigError, match="BCP 47"):
        new_brief("Other", tmp_path, Config(), today, "en\ntitle: injected")
