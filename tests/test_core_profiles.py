"""Profiles: brief (screen), handout (paper), email (attachment), each checked as a reader would."""

from __future__ import annotations

import email
import email.policy
import shutil
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml

from briefing.cli.main import main

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF, NATO_SOURCE, PROJECT_ROOT, WriteProject, build
from .pdfread import page_texts, render_page, squash, structure_elements

NOTICE = "AI-Generated Insight: Parts of this content were created using AI assistance."
SHORT = "Prepared with AI assistance — verify against authoritative sources."
A4 = (595.28, 841.89)
MM = 72 / 25.4


@pytest.fixture(scope="session")
def all_profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The NATO brief built with --profile all: three PDFs and the email draft."""
    output = tmp_path_factory.mktemp("profiles") / "nato-eu-relations.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert main([str(NATO_SOURCE), "-o", str(output), "--profile", "all"]) == 0
    folder = output.parent
    return {
        "brief": output,
        "handout": folder / "nato-eu-relations-handout.pdf",
        "email": folder / "nato-eu-relations-email.pdf",
        "eml": folder / "nato-eu-relations.eml",
    }


def test_profile_all_writes_three_pdfs_and_the_draft(all_profiles: dict[str, Path]) -> None:
    assert sorted(path.name for path in all_profiles["brief"].parent.iterdir()) == [
        "nato-eu-relations-email.pdf",
        "nato-eu-relations-handout.pdf",
        "nato-eu-relations.eml",
        "nato-eu-relations.pdf",
    ]


@pytest.mark.parametrize("profile", ["brief", "handout", "email"])
def test_every_profile_carries_the_notices(all_profiles: dict[str, Path], profile: str) -> None:
    texts = page_texts(all_profiles[profile])
    assert squash(NOTICE) in squash(texts[0])
    for number, text in enumerate(texts, start=1):
        assert squash(SHORT) in squash(text), f"{profile}: no short notice on page {number}"


@pytest.mark.parametrize("profile", ["brief", "handout", "email"])
def test_every_profile_is_tagged_and_accessible(
    all_profiles: dict[str, Path], profile: str
) -> None:
    reader = pypdf.PdfReader(all_profiles[profile])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    roles = {str(node["/S"]) for node in structure_elements(all_profiles[profile])}
    assert {"/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= roles


def test_brief_opens_on_the_bookmarks_panel(all_profiles: dict[str, Path]) -> None:
    assert pypdf.PdfReader(all_profiles["brief"]).trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert "/PageMode" not in pypdf.PdfReader(all_profiles["handout"]).trailer["/Root"]


def test_handout_is_a4_with_mirrored_margins_and_outer_page_numbers(
    all_profiles: dict[str, Path],
) -> None:
    with pdfplumber.open(all_profiles["handout"]) as document:
        for page in document.pages[2:6]:
            assert (round(page.width, 1), round(page.height, 1)) == (
                round(A4[0], 1),
                round(A4[1], 1),
            )
            body = [
                word
                for word in page.extract_words()
                if 80 < word["top"] < page.height - 80 and word["text"] != "VERIFY"  # margin mark
            ]
            left_edge = min(word["x0"] for word in body)
            number = next(w for w in page.extract_words() if w["text"] == "Page")
            if page.page_number % 2:  # right-hand page: wide inner margin on the left
                assert left_edge == pytest.approx(25 * MM, abs=2)
                assert number["x0"] > page.width / 2
            else:
                assert left_edge == pytest.approx(15 * MM, abs=2)
                assert number["x0"] < page.width / 2


def test_handout_tables_survive_a_greyscale_printer(all_profiles: dict[str, Path]) -> None:
    pdf = all_profiles["handout"]
    checked = 0
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.find_tables():
                if len(table.rows) < 2 or len(table.rows[0].cells) != 3:
                    continue  # not a comparison table (e.g. the notice box)
                image = render_page(pdf, page.page_number - 1, scale=2, mode="L")
                header, body = table.rows[0].cells[1], table.rows[1].cells[2]
                shades = []
                for cell in (header, body):
                    x0, top, x1, bottom = (value * 2 for value in cell)  # type: ignore[union-attr]
                    crop = image.crop((int(x0) + 3, int(top) + 3, int(x1) - 3, int(bottom) - 3))
                    darkest, fill = crop.getextrema()  # text and the cell's fill under it
                    shades.append(fill)
                    assert (fill + 13) / (darkest + 13) > 4.5, "text contrast too low"
                assert shades[1] - shades[0] >= 30, "header and body rows look alike in grey"
                checked += 1
    assert checked >= 3


def test_handout_has_no_full_page_backgrounds(all_profiles: dict[str, Path]) -> None:
    for page in range(len(pypdf.PdfReader(all_profiles["handout"]).pages)):
        histogram = render_page(all_profiles["handout"], page, scale=0.5, mode="L").histogram()
        assert sum(histogram[250:]) / sum(histogram) > 0.6, f"page {page + 1} is not white"


def test_handout_prints_link_addresses(write_project: WriteProject, tmp_path: Path) -> None:
    project = write_project(
        {"brief.md": MINIMAL_BRIEF + "\nSee [the WeasyPrint site](https://weasyprint.org/).\n"}
    )
    assert (
        build(
            project / "brief.md",
            "-o",
            tmp_path / "b.pdf",
            "--profile",
            "brief",
            "--profile",
            "handout",
        )
        == 0
    )
    assert "(https://weasyprint.org/)" in "".join(page_texts(tmp_path / "b-handout.pdf"))
    assert "(https://weasyprint.org/)" not in "".join(page_texts(tmp_path / "b.pdf"))


def test_paper_letter_from_option_and_front_matter(
    write_project: WriteProject, tmp_path: Path
) -> None:
    project = write_project(
        {"brief.md": MINIMAL_BRIEF.replace("language: en", "language: en\npaper: letter")}
    )
    assert build(project / "brief.md", "-o", tmp_path / "a.pdf", "--paper", "a4") == 0
    assert build(project / "brief.md", "-o", tmp_path / "l.pdf", "--profile", "handout") == 0
    assert pypdf.PdfReader(tmp_path / "a.pdf").pages[0].mediabox[2:] == pytest.approx(
        list(A4), 0.01
    )
    assert pypdf.PdfReader(tmp_path / "l-handout.pdf").pages[0].mediabox[2:] == [612, 792]


def test_sections_on_right_start_each_section_on_an_odd_page(
    write_project: WriteProject, tmp_path: Path
) -> None:
    sections = "".join(f"\n# Section {n}\n\nText of section {n}.\n" for n in range(1, 5))
    brief = (
        MINIMAL_BRIEF.replace("language: en", "language: en\nsections_on_right: true") + sections
    )
    project = write_project({"brief.md": brief})
    assert build(project / "brief.md", "-o", tmp_path / "b.pdf", "--profile", "handout") == 0
    texts = page_texts(tmp_path / "b-handout.pdf")
    for n in range(1, 5):
        page = next(i for i, text in enumerate(texts, 1) if f"Text of section {n}." in text)
        assert page % 2 == 1, f"section {n} starts on page {page}"


def test_condensed_handout_fits_two_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    source = content / "nato-eu-relations.md"
    source.write_text(
        source.read_text().replace("ai_assisted: true", "ai_assisted: true\nhandout: summary")
    )
    assert main([str(source), "-o", str(tmp_path / "n.pdf"), "--profile", "handout"]) == 0
    texts = page_texts(tmp_path / "n-handout.pdf")
    assert len(texts) <= 2
    text = squash("".join(texts))
    data = [yaml.safe_load(path.read_text()) for path in (content / "data").glob("*.yaml")]
    captions = [table["caption"] for table in data if "columns" in table]
    assert len(captions) == 3
    for wanted in ("Bottom line up front", NOTICE, *captions):
        assert squash(wanted) in text, wanted


def test_marks_add_bleed_and_crop_marks(write_project: WriteProject, tmp_path: Path) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    assert (
        build(project / "brief.md", "-o", tmp_path / "m.pdf", "--profile", "handout", "--marks")
        == 0
    )
    page = pypdf.PdfReader(tmp_path / "m-handout.pdf").pages[0]
    assert page.mediabox.width > page.trimbox.width + 5 * MM
    assert page.trimbox.width == pytest.approx(A4[0], abs=0.5)


def test_email_pdf_is_no_larger_than_the_brief(all_profiles: dict[str, Path]) -> None:
    # The email profile optimises images; a few hundred bytes of difference in what
    # WeasyPrint writes around them is noise, anything beyond is a regression.
    assert all_profiles["email"].stat().st_size <= all_profiles["brief"].stat().st_size + 256


def test_email_size_budget_warns_and_strict_fails(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = "".join(f"\n## Part {n}\n\n" + "Words of the brief. " * 80 for n in range(120))
    project = write_project({"brief.md": MINIMAL_BRIEF + filler})
    assert build(project / "brief.md", "-o", tmp_path / "big.pdf", "--profile", "email") == 0
    assert "KB is over the email profile's budget of 100 KB" in capsys.readouterr().err
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "s.pdf"), "--profile", "all",
                 "-j", "1", "--strict"]) == 1  # fmt: skip
    assert not list(tmp_path.glob("s*")), "one failing profile must leave no outputs at all"


def test_email_draft_parses_back(all_profiles: dict[str, Path]) -> None:
    message = email.message_from_bytes(
        all_profiles["eml"].read_bytes(), policy=email.policy.default
    )
    assert message["Subject"] == (  # claims still to verify make it a draft
        "[DRAFT] Exploring the Strategic Dynamics of NATO’s Relations with the European Union"
    )
    assert message["X-Unsent"] == "1"
    plain = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    for text in (plain, html):
        assert "Bottom line up front" in text and NOTICE in text
    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == ["nato-eu-relations-2026-11-25.pdf"]
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == all_profiles["email"].read_bytes()


def test_pdf_variant_passes_through(write_project: WriteProject, tmp_path: Path) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(project / "brief.md", "-o", tmp_path / "a.pdf", "--pdf-variant", "pdf/a-3b") == 0
    metadata = pypdf.PdfReader(tmp_path / "a.pdf").trailer["/Root"]["/Metadata"].get_data()
    assert b"pdfaid:part" in metadata and b"3" in metadata.split(b"pdfaid:part")[1][:6]


def test_image_without_alt_text_warns_and_strict_refuses_it(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF + "\n![](chart.png)\n"})
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "x.pdf")]) == 0
    assert "brief.md:16: warning: image 'chart.png' has no alt text" in capsys.readouterr().err
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "x.pdf"), "--strict"]) == 1
    assert "brief.md:16: image 'chart.png' has no alt text" in capsys.readouterr().err
