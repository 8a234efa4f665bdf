"""The NATO–EU brief as a reader holds it: every word, every heading, notice, tables, fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf

from .conftest import ARTICLE
from .pdfread import bookmarks, page_texts, render_page, squash, tables

NOTICE = (
    "AI-Generated Insight: Parts of this content were created using AI assistance. "
    "For accuracy, please cross-check with authoritative sources."
)
SHORT_NOTICE = "Prepared with AI assistance — verify against authoritative sources."
HEADINGS = [
    "Foundations of NATO and the European Union’s Collaboration in Security",
    "Historical Development of NATO’s Relations with the EU",
    "Strategic Pillars of NATO and the EU",
    "Key Areas of Cooperation",
    "Institutional Engagement and Policy Alignment",
    "NATO-EU strategic partnerships and dialogues",
    "Shared intelligence and information exchange mechanisms",
    "Challenges and Limitations in the Partnership",
    "Impact of External Threats on NATO and EU Synergies",
    "The Role of NATO and the EU in European Defense Integration",
    "Efforts toward strategic autonomy",
    "Building a joint European Defense Policy",
    "Future Prospects for NATO’s relations with the European Union",
    "Unique Contributions and Limitations of the NATO-EU Partnership",
]


def _article_sentences() -> list[str]:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    paragraphs = [line.strip() for line in lines if line.strip() and line.strip() != "-"]
    sentences = []
    for paragraph in paragraphs:
        sentences.extend(re.split(r"(?<=[.!?])\s+", paragraph.removeprefix("- ")))
    return sentences


def _heading_page(texts: list[str], heading: str) -> int:
    """The first page after the contents with `heading` on a line (or two) of its own."""
    wanted = squash(heading)
    for number, text in enumerate(texts[2:], start=3):
        lines = text.splitlines()
        for start in range(len(lines)):
            if wanted in (squash(lines[start]), squash("".join(lines[start : start + 2]))):
                return number
    raise AssertionError(f"heading not found in the body: {heading}")


def test_every_article_sentence_is_in_the_pdf(nato_pdf: Path) -> None:
    text = squash("".join(page_texts(nato_pdf)))
    missing = [s for s in _article_sentences() if squash(s) not in text]
    assert not missing, f"{len(missing)} sentences missing, first: {missing[:3]}"


def test_sentence_check_fails_on_a_changed_word(nato_pdf: Path) -> None:
    text = squash("".join(page_texts(nato_pdf)))
    assert squash("NATO, established in 1950, was primarily created") not in text


def test_every_heading_is_a_bookmark_pointing_at_its_page(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    marks = {mark.title: mark for mark in bookmarks(nato_pdf)}
    for heading in HEADINGS:
        assert heading in marks, f"no bookmark for {heading!r}"
        assert marks[heading].page == _heading_page(texts, heading), heading


def test_subsections_are_nested_bookmarks(nato_pdf: Path) -> None:
    depths = {mark.title: mark.depth for mark in bookmarks(nato_pdf)}
    assert depths["Key Areas of Cooperation"] == 0
    assert depths["Efforts toward strategic autonomy"] == 1
    assert depths["Shared intelligence and information exchange mechanisms"] == 1


def test_contents_page_numbers_match_heading_pages(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    contents = texts[1]
    assert "Contents" in contents
    entries = {}
    for line in contents.splitlines():
        match = re.match(r"^(?P<title>.+?)[ .]*\s(?P<page>\d+)$", line)
        if match:
            entries[match["title"].rstrip(" .")] = int(match["page"])
    for heading in HEADINGS:
        assert heading in entries, f"{heading!r} not in the contents"
        assert entries[heading] == _heading_page(texts, heading), heading


def test_contents_entries_link_to_their_pages(nato_pdf: Path) -> None:
    reader = pypdf.PdfReader(nato_pdf)
    named = reader.named_destinations
    names: list[str] = []  # one link per line box: keep each destination once, in order
    for annotation in reader.pages[1].get("/Annots", []):
        destination = annotation.get_object().get("/Dest")
        if destination is not None and str(destination) not in names:
            names.append(str(destination))
    targets = [reader.get_destination_page_number(named[name]) + 1 for name in names]
    texts = page_texts(nato_pdf)
    expected = [_heading_page(texts, heading) for heading in HEADINGS]
    assert targets[1 : len(expected) + 1] == expected, "contents links point at the wrong pages"


def test_full_notice_on_page_one_and_short_notice_on_every_page(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    assert squash("🧠" + NOTICE) in squash(texts[0])
    for number, text in enumerate(texts, start=1):
        assert squash(SHORT_NOTICE) in squash(text), f"no short notice on page {number}"
        assert f"Page {number} of {len(texts)}" in text


def test_running_header_carries_the_title_after_the_cover(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    title = "Exploring the Strategic Dynamics of NATO’s Relations with the European Union"
    for text in texts[1:]:
        assert text.splitlines()[0] == title


def test_comparison_tables_come_out_as_tables_in_order(nato_pdf: Path) -> None:
    found: list[list[list[str]]] = []
    for table in tables(nato_pdf):  # a table broken across pages repeats its header row
        if len(table[0]) != 3:
            continue
        if found and table[0] == found[-1][0]:
            found[-1].extend(table[1:])
        else:
            found.append(table)
    headers = [table[0] for table in found]
    assert headers[0] == ["Aspect", "NATO", "European Union"]
    assert headers[1][0] == "Area of cooperation"
    assert headers[2] == ["Dimension", "Contribution", "Limitation"]
    overview = found[0]
    assert [row[0] for row in overview[1:]] == [
        "Origins",
        "Core mandate",
        "Strategic pillars",
        "Focus",
        "Role in European defence",
    ]
    assert overview[1][1].startswith("Established in 1949")
    assert all(cell for table in found for row in table for cell in row), "an empty cell"


def test_metadata_is_complete(nato_pdf: Path) -> None:
    reader = pypdf.PdfReader(nato_pdf)
    info = reader.metadata
    assert info is not None
    assert (
        info.title == "Exploring the Strategic Dynamics of NATO’s Relations with the European Union"
    )
    assert info.author == "Briefing Unit"
    assert info.subject and "briefing" in info.subject
    assert "NATO" in str(info.get("/Keywords"))
    assert str(info.get("/CreationDate")).startswith("D:2025")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_all_fonts_are_embedded_subsets(nato_pdf: Path) -> None:
    reader = pypdf.PdfReader(nato_pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            fonts[str(font["/BaseFont"])] = descriptor
    assert any("Inter" in name for name in fonts)
    for name, descriptor in fonts.items():
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not subset"
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} not embedded"


def test_notice_callout_is_visible_on_page_one(nato_pdf: Path) -> None:

    image = render_page(nato_pdf)
    counts = {colour: count for count, colour in image.getcolors(1 << 24) or []}
    notice_fill = (0xFF, 0xF6, 0xE0)
    assert counts.get(notice_fill, 0) > 0.02 * image.width * image.height, "no notice box"


def test_no_heading_is_left_alone_at_the_foot_of_a_page(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    for mark in bookmarks(nato_pdf):
        lines = texts[mark.page - 1].split("\n")[:-1]  # the last line is the footer
        title, end = squash(mark.title), None
        for start in range(len(lines)):
            joined = ""
            for stop in range(start, min(start + 3, len(lines))):  # a heading wraps to 3 lines
                joined += squash(lines[stop])
                if joined == title:
                    end = stop
                    break
            if end is not None:
                break
        assert end is not None, f"{mark.title!r} not found on page {mark.page}"
        assert end < len(lines) - 1, f"{mark.title!r} is the last line of page {mark.page}"
