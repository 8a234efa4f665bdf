"""One-page notes and drafts: the memo template, the draft watermark, `--final`, contents."""

from __future__ import annotations

import email
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import ImageChops

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF, WriteProject, build
from .pdfread import page_texts, render_page, squash, structure_elements

WORDS = [
    "the",
    "office",
    "weighs",
    "the",
    "cost",
    "of",
    "each",
    "option",
    "for",
    "the",
    "river",
    "basin",
    "and",
    "its",
    "towns",
]


def _memo(status: str = "final", words: int = 400) -> str:
    text = [WORDS[index % len(WORDS)] for index in range(words)]
    paragraphs = [
        " ".join(text[start : start + 80]).capitalize() + "." for start in range(0, words, 80)
    ]
    return f"""---
title: "Drought reserve: a decision"
date: 2026-11-25
author: Policy Unit
organisation: Acme
to: Director General
classification: Internal
template: memo
status: {status}
ai_assisted: true
notice: "AI-assisted: check each figure against the source before use."
notice_short: "AI-assisted: verify."
summary: [Release ten per cent now., Review in March., Tell the regions.]
---
# Situation

{chr(10).join(paragraph + chr(10) for paragraph in paragraphs[:2])}
# Proposal

{chr(10).join(paragraph + chr(10) for paragraph in paragraphs[2:])}
"""


@pytest.fixture
def memo(write_project: WriteProject, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    project = write_project({"memo.md": _memo(), "draft.md": _memo("draft")})
    monkeypatch.chdir(project)
    return project


def test_a_400_word_memo_is_one_page_with_its_header_block(memo: Path) -> None:
    assert build(memo / "memo.md", "-o", memo / "out" / "memo.pdf") == 0
    texts = page_texts(memo / "out" / "memo.pdf")
    assert len(texts) == 1
    for wanted in ("From", "Policy Unit, Acme", "To", "Director General", "Internal"):
        assert squash(wanted) in squash(texts[0]), wanted
    assert "Contents" not in texts[0]


def test_draft_watermark_shows_on_every_page_and_stays_out_of_the_structure(memo: Path) -> None:
    assert build(memo / "memo.md", "-o", memo / "out" / "memo.pdf") == 0
    assert (
        build(
            memo / "draft.md",
            "-o",
            memo / "out" / "draft.pdf",
            "--profile",
            "brief",
            "--profile",
            "email",
        )
        == 0
    )
    final = render_page(memo / "out" / "memo.pdf")
    draft_pdf = memo / "out" / "draft.pdf"
    draft = render_page(draft_pdf)
    changed = ImageChops.difference(final.convert("L"), draft.convert("L")).point(
        lambda value: 255 if value > 20 else 0
    )
    assert changed.histogram()[255] > 2000, "no watermark to see"
    assert "DRAFT" not in "".join(page_texts(draft_pdf))  # outlines, not text to copy
    with pdfplumber.open(draft_pdf) as document:
        assert not document.pages[0].images, "the watermark is drawn as outlines, not an image"
    reader = pypdf.PdfReader(draft_pdf)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert not [node for node in structure_elements(draft_pdf) if "DRAFT" in str(node.get("/Alt"))]
    figures = [node for node in structure_elements(draft_pdf) if node["/S"] == "/Figure"]
    assert not figures, "the watermark must be an artifact, not a figure"
    message = email.message_from_bytes((memo / "out" / "draft.eml").read_bytes())
    assert message["Subject"] == "[DRAFT] Drought reserve: a decision"


def test_final_refuses_a_draft_at_its_status_line(
    memo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(memo / "draft.md", "-o", memo / "out" / "draft.pdf", "--final") == 1
    assert "draft.md:9: 'status' is draft: --final refuses a draft" in capsys.readouterr().err


def test_a_short_brief_has_no_contents_page(write_project: WriteProject) -> None:
    project = write_project({"brief.md": MINIMAL_BRIEF})
    assert build(project / "brief.md", "-o", project / "out" / "brief.pdf") == 0
    assert not any("Contents" in text for text in page_texts(project / "out" / "brief.pdf"))
