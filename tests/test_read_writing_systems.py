"""Every script: Greek to Korean drawn with installed fonts, right-to-left briefs, preflight."""

# ruff: noqa: RUF001  (Greek, Cyrillic and Hebrew letters that look Latin are the point here)

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from briefing.cli.main import main
from briefing.read.writing_systems import debian_package, guess_language, text_direction
from briefing.render.sanitize import sanitize_html

from .conftest import PROJECT_ROOT, WriteProject, build_pdf
from .pdfread import render_page

MM = 72 / 25.4
"""PDF points in a millimetre."""

SAMPLES = {
    "Greek": "Το ΝΑΤΟ και η Ευρωπαϊκή Ένωση συνεργάζονται",
    "Russian": "НАТО и Европейский союз сотрудничают",
    "Ukrainian": "Ґанок, їжак і європейські партнери",
    "Arabic": "يعمل حلف شمال",
    "Hebrew": "שיתוף פעולה בין נאטו",
    "Chinese": "北约与欧盟的关系不断发展",
    "Japanese": "東京での会議は成功しました",
    "Korean": "서울특별시에서 회의가 열렸다",
}


def brief(language: str, body: str, title: str = "Scripts") -> str:
    """A brief in `language` with `body` after one section heading."""
    return f"""---
title: "{title}"
date: 2026-01-02
language: {language}
ai_assisted: true
notice: "Drafted with AI assistance: verify."
notice_short: "AI-assisted: verify."
---

# {title}

{body}
"""


def page_text(pdf: Path, needle: str) -> tuple[int, str]:
    """The first page (0-based) whose text, as PDFium reads it, has `needle`; and that text."""
    document = pypdfium2.PdfDocument(pdf)
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range()
        if needle in text:
            return index, text
    raise AssertionError(f"{needle!r} is on no page of {pdf.name}")


def embedded_fonts(pdf: Path) -> set[str]:
    """The names of the fonts embedded in the PDF, as the PDF names them."""
    names = set()
    for page in pypdf.PdfReader(pdf).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def ink_columns(pdf: Path, page: int) -> tuple[float, float]:
    """Left and right edges (mm from the left page edge) of the ink between header and footer."""
    image = render_page(pdf, page, 100 / 72, "L")
    per_mm = image.width / 210
    band = image.crop((0, int(40 * per_mm), image.width, int(image.height - 40 * per_mm)))
    box = band.point(lambda value: 255 if value < 160 else 0).getbbox()
    assert box is not None, "no ink between header and footer"
    return box[0] / per_mm, box[2] / per_mm


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("iw", "rtl"),
     ("az-Arab", "rtl"), ("en", "ltr"), ("fr", "ltr"), ("ar-Latn", "ltr"), ("zh-Hans", "ltr")],
)  # fmt: skip
def test_text_direction_follows_language_and_script(language: str, direction: str) -> None:
    assert text_direction(language) == direction


@pytest.mark.parametrize(
    ("character", "package"),
    [("中", "fonts-noto-cjk"), ("한", "fonts-noto-cjk"), ("の", "fonts-noto-cjk"),
     ("ا", "fonts-noto-core"), ("א", "fonts-noto-core"), ("क", "fonts-noto-core"),
     ("🧠", "fonts-symbola"), ("\ue000", None), ("\U000f0001", None)],
)  # fmt: skip
def test_debian_package_for_a_character(character: str, package: str | None) -> None:
    assert debian_package(character) == package


def test_every_script_is_drawn_and_embedded_as_subsets(write_project: WriteProject) -> None:
    body = "\n\n".join(f"{name}: {text}." for name, text in SAMPLES.items())
    pdf = build_pdf(write_project({"brief.md": brief("en", body)}) / "brief.md", None, "--html")
    document = pypdfium2.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    for name, sample in SAMPLES.items():
        for word in sample.split():
            assert word in text, f"{name}: {word!r} is not in the PDF text"
    fonts = embedded_fonts(pdf)
    for family in ("Noto-Sans-Arabic", "Noto-Sans-Hebrew", "Noto-Sans-CJK-SC"):
        assert any(name.endswith(f"+{family}") for name in fonts), (family, fonts)
    assert all(name[7:8] == "+" for name in fonts)  # XXXXXX+Name: every font a subset
    assert pdf.stat().st_size < 400_000  # a whole CJK font alone would be 16 MB


def test_japanese_brief_draws_han_with_the_japanese_font(write_project: WriteProject) -> None:
    pdf = build_pdf(
        write_project({"ja.md": brief("ja", SAMPLES["Japanese"], "会議")}) / "ja.md", None, "--html"
    )
    fonts = embedded_fonts(pdf)
    assert any(name.endswith("+Noto-Sans-CJK-JP") for name in fonts), fonts
    assert not any("CJK-SC" in name for name in fonts), fonts


@pytest.fixture(scope="module", params=["ar", "he"])
def rtl_brief(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Arabic and a Hebrew brief: a short paragraph, a list, a table, a Latin word."""
    language = request.param
    words = {
        "ar": ("العلاقات بين الحلفاء", "يعمل حلف شمال", "مع الاتحاد", "البند"),
        "he": ("יחסים בין בעלי הברית", "שיתוף פעולה", "עם האיחוד", "סעיף"),
    }[language]
    body = (
        f"{words[1]} NATO {words[2]}.\n\n- {words[3]} 1\n- {words[3]} 2\n\n"
        f"| {words[3]} | NATO |\n|---|---|\n| 1 | 2 |\n"
    )
    project = tmp_path_factory.mktemp(language)
    (project / f"{language}.md").write_text(brief(language, body, words[0]), encoding="utf-8")
    return build_pdf(project / f"{language}.md", None, "--html")


def test_rtl_brief_has_dir_rtl_and_mirrors_the_page(rtl_brief: Path) -> None:
    html = rtl_brief.with_suffix(".html").read_text(encoding="utf-8")
    language = rtl_brief.stem
    assert f'<html lang="{language}" dir="rtl">' in html
    page, text = page_text(rtl_brief, "NATO")
    left, right = ink_columns(rtl_brief, page)
    assert 187 <= right <= 191, "the body's ink reaches the right margin (20 mm)"
    assert left > 60, "short lines end well right of the left margin"
    textpage = pypdfium2.PdfDocument(rtl_brief)[page].get_textpage()

    def x_of(word: str, offset: int = 0) -> float:
        return float(textpage.get_charbox(text.index(word) + offset)[0])

    first, last = {"ar": ("يعمل", "مع"), "he": ("שיתוף", "עם")}[language]
    # Right to left from the first word, with the Latin word's letters left to right.
    assert x_of(last) < x_of("NATO") < x_of("NATO", 3) < x_of(first)


def test_rtl_running_header_right_and_page_number_left(rtl_brief: Path) -> None:
    page, _ = page_text(rtl_brief, "NATO")
    textpage = pypdfium2.PdfDocument(rtl_brief)[page].get_textpage()
    boxes = [textpage.get_charbox(index) for index in range(textpage.count_chars())]
    height = 297 * MM
    header = [box for box in boxes if box[3] > height - 24 * MM and box[2] > box[0]]
    footer = [box for box in boxes if box[1] < 26 * MM and box[2] > box[0]]
    assert max(box[2] for box in header) == pytest.approx(190 * MM, abs=1.5 * MM)
    assert min(box[0] for box in header) > 105 * MM  # the title starts on the right
    assert min(box[0] for box in footer) == pytest.approx(20 * MM, abs=1.5 * MM)
    assert max(box[2] for box in footer) == pytest.approx(190 * MM, abs=1.5 * MM)


def test_mixed_paragraph_reads_in_each_script_direction(write_project: WriteProject) -> None:
    body = "The minister met محمد بن سلمان and דוד בן גוריון in Riyadh.\n"
    pdf = build_pdf(write_project({"mixed.md": brief("en", body)}) / "mixed.md", None, "--html")
    page, text = page_text(pdf, "minister")
    textpage = pypdfium2.PdfDocument(pdf)[page].get_textpage()

    def x_of(word: str) -> float:
        return float(textpage.get_charbox(text.index(word))[0])

    # An Arabic or Hebrew name runs right to left inside the English line, in its place.
    assert x_of("met") < x_of("سلمان") < x_of("محمد") < x_of("and") < x_of("גוריון") < x_of("דוד")


def test_sanitiser_keeps_dir_and_lang() -> None:
    html = '<div dir="rtl" lang="ar"><p dir="auto">نص</p><span lang="en" dir="ltr">x</span></div>'
    assert sanitize_html(html) == html


def test_rtl_block_in_an_english_brief_survives(write_project: WriteProject) -> None:
    body = 'Intro.\n\n<div dir="rtl" lang="he">\n\nשיתוף פעולה\n\n</div>\n'
    pdf = build_pdf(write_project({"block.md": brief("en", body)}) / "block.md", None, "--html")
    assert '<div dir="rtl" lang="he">' in pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="en">' in pdf.with_suffix(".html").read_text(encoding="utf-8")


def test_private_use_character_is_an_error_without_a_package(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"pua.md": brief("en", "Fine.\n\nA \U000f0001 and \U00100000.")})
    assert main([str(project / "pua.md"), "-o", str(tmp_path / "pua.pdf")]) == 1
    error = capsys.readouterr().err
    assert "pua.md:14: no font has a glyph for U+F0001 ('\\U000f0001', line 14), U+100000" in error
    assert "Debian package" not in error and "remove the character" in error


def test_a_chart_label_or_table_cell_no_font_has_is_an_error_in_its_data_file(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The words of charts and tables come from data files: the preflight reads them too."""
    chart = (
        "type: bar\ncaption: Spend\ncolumns: [Member, Value]\nrows:\n  - [Po\U000f0001land, 1]\n"
    )
    table = "caption: Table\nsource: S\ncolumns: [A, B]\nrows:\n  - [x, \U00100000]\n"
    project = write_project({
        "brief.md": brief("en", "Fine.\n\n::: figure spend\n\n::: table other\n"),
        "data/spend.yaml": chart,
        "data/other.yaml": table,
    })  # fmt: skip
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "brief.pdf")]) == 1
    error = capsys.readouterr().err
    assert "data/other.yaml:5: no font has a glyph for U+100000 (" in error, error
    assert "other.yaml line 5)" in error and "U+F0001 ('\\U000f0001', " in error
    assert "spend.yaml line 5)" in error and "brief.md" not in error


def test_preflight_names_the_debian_package_of_a_missing_script(
    write_project: WriteProject, tmp_path: Path
) -> None:
    """On a machine with only Inter and Symbola, and no Noto package installed."""
    font_dirs = {
        Path(subprocess.run(["fc-match", "--format=%{file}", family], capture_output=True,
                            text=True, check=True).stdout).parent
        for family in ("Inter", "Symbola")
    }  # fmt: skip
    config = tmp_path / "fonts.conf"
    config.write_text(
        "<?xml version='1.0'?><fontconfig>"
        + "".join(f"<dir>{folder}</dir>" for folder in sorted(font_dirs))
        + f"<cachedir>{tmp_path / 'fontconfig'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "dpkg-query").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (tools / "dpkg-query").chmod(0o755)
    body = f"{SAMPLES['Chinese']}\n\n{SAMPLES['Arabic']}\n\nA \U000f0001.\n"
    project = write_project({"brief.md": brief("en", body)})
    environment = {**os.environ, "FONTCONFIG_FILE": str(config),
                   "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
                   "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), str(project / "brief.md"),
         "-o", str(tmp_path / "out.pdf")],
        capture_output=True, text=True, env=environment, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    error = result.stderr
    assert "brief.md:12: no font has a glyph for U+5317 ('北', line 12, in Debian package " \
        "fonts-noto-cjk)" in error  # fmt: skip
    assert "U+064A ('ي', line 14, in Debian package fonts-noto-core)" in error
    assert "U+F0001 ('\\U000f0001', line 16):" in error
    assert "install the package named or remove the character" in error
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hello world, and a word or two more.", "en"),
        ("تعمل المنظمتان معاً في مجالات عديدة.", "ar"),
        ("این یک گزارش کوتاه است.", "fa"),
        ("שיתוף פעולה בין הארגונים.", "he"),
        ("Співпраця між організаціями.", "uk"),
        ("Сотрудничество между организациями.", "ru"),
        ("Η συνεργασία των δύο οργανισμών.", "el"),
        ("两个组织之间的合作。", "zh"),
        ("二つの組織の協力について。", "ja"),
        ("두 기구의 협력.", "ko"),
        ("日本語の説明です。\n\n```sh\npip install some-package --upgrade\n```\n", "ja"),
    ],
)
def test_language_is_guessed_from_the_script_when_not_declared(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_an_arabic_document_without_front_matter_runs_right_to_left(
    write_project: WriteProject,
) -> None:
    project = write_project({"notes.md": "# ملاحظات\n\nتعمل المنظمتان معاً.\n\n- أولاً\n"})
    output = project / "notes.pdf"
    assert main([str(project / "notes.md"), "-o", str(output), "--html"]) == 0
    assert '<html lang="ar" dir="rtl">' in output.with_suffix(".html").read_text()
