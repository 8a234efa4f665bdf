"""Editions end to end: a public edition holds none of the restricted sentences anywhere a
reader or a tool could find them (pages, bookmarks, metadata, decompressed streams, attachments,
the HTML, the email draft), while the restricted edition has them all."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pypdf
import pytest

from briefing.cli.main import main
from briefing.editions.embedded import read_embedded_sources

from .conftest import FIXED_EPOCH
from .pdfread import bookmarks, page_texts, squash

RESTRICTED = [
    "Nightjar crosses the river at dawn.",  # a heading in a section
    "The northern network is compromised.",  # a paragraph
    "Budget line seven funds the safe house.",  # a placed table's caption
    "Source Kestrel reports directly.",  # a footnote and a claim to verify
    "The annex lists every courier by name.",  # a part's section
]
KEYWORDS = ["Nightjar", "compromised", "safe house", "Kestrel", "courier"]

BRIEF = """---
title: Editions under test
date: 2026-01-02
editions:
  public: {classification: "OFFICIAL", distribution: "Approved for public release"}
  restricted: {classification: "RESTRICTED", distribution: "Named readers only"}
attachments: [notes.txt]
parts: [annex.md]
---

# Situation

Everyone reads this paragraph about the situation.

::: only restricted

## Nightjar crosses the river at dawn.

The northern network is compromised.

::: table budget

{?Source Kestrel reports directly.?} It is said.[^kestrel]

[^kestrel]: Source Kestrel reports directly.

:::

::: {.only audience="public"}
The public reads a summary of the situation instead.
:::

# Outlook

More text that every edition carries.
"""

ANNEX = """# Annex

::: only restricted
The annex lists every courier by name.
:::

Nothing further.
"""

BUDGET = """caption: "Budget line seven funds the safe house."
columns: ["Line", "Amount"]
rows:
  - ["Seven", "100"]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The brief built twice, public and restricted, each with its HTML and email draft."""
    root = tmp_path_factory.mktemp("editions")
    files = {
        "brief.md": BRIEF, "annex.md": ANNEX, "data/budget.yaml": BUDGET,
        "notes.txt": "Public notes only.\n",
    }  # fmt: skip
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        for edition in ("public", "restricted"):
            arguments = ["brief.md", "-d", "out", "--edition", edition, "--html", "--eml"]
            assert main([*arguments, "-j", "1"]) == 0
        assert main(["brief.md", "-d", "out", "-j", "1"]) == 0
    yield root


def _everything(pdf: Path) -> bytes:
    """The PDF with every stream decompressed and no object streams (qpdf's QDF form)."""
    expanded = pdf.with_suffix(".qdf")
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(expanded)], check=True
    )
    return expanded.read_bytes()


def _holds(blob: bytes, word: str) -> bool:
    """Whether `blob` holds `word` as UTF-8, as UTF-16 (PDF text strings) or in hex."""
    forms = [word.encode(), word.encode("utf-16-be"), word.encode("utf-16-be").hex().encode()]
    forms.append(word.encode().hex().encode())
    return any(form in blob or form.upper() in blob for form in forms)


def _email_texts(draft: Path) -> tuple[str, list[bytes]]:
    message = BytesParser(policy=policy.default).parsebytes(draft.read_bytes())
    texts, attachments = [], []
    for part in message.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_maintype() == "text":
            texts.append(part.get_content())
        else:
            attachments.append(part.get_payload(decode=True))
    return str(message["Subject"]) + "\n".join(texts), attachments


def test_product_public_edition_holds_no_restricted_sentence_anywhere(project: Path) -> None:
    out = project / "out"
    pdfs = [out / "brief-public.pdf", out / "brief-public-email.pdf"]
    pages = squash(" ".join(text for pdf in pdfs for text in page_texts(pdf)))
    marks = " ".join(mark.title for pdf in pdfs for mark in bookmarks(pdf))
    metadata = " ".join(str(pypdf.PdfReader(pdf).metadata) for pdf in pdfs)
    attached = [pypdf.PdfReader(pdf).attachments for pdf in pdfs]
    assert [files["notes.txt"] for files in attached] == [[b"Public notes only.\n"]] * 2
    sources = read_embedded_sources(pdfs[0]).files  # the edition's own text, the manifest
    assert "brief.md" in sources and b"summary of the situation" in sources["brief.md"]
    embedded = [data for files in attached for datas in files.values() for data in datas]
    html = (out / "brief-public.html").read_text(encoding="utf-8")
    email_text, email_files = _email_texts(out / "brief-public.eml")
    streams = [_everything(pdf) for pdf in pdfs] + list(email_files) + embedded
    for sentence, keyword in zip(RESTRICTED, KEYWORDS, strict=True):
        assert squash(sentence) not in pages
        for text in (marks, metadata, html, email_text):
            assert keyword not in text
        for blob in streams:
            assert not _holds(blob, keyword), keyword
    assert "The public reads a summary of the situation instead." in " ".join(
        page_texts(out / "brief-public.pdf")
    )
    assert "OFFICIAL" in page_texts(out / "brief-public.pdf")[0]


def test_product_restricted_edition_holds_every_restricted_sentence(project: Path) -> None:
    pdf = project / "out" / "brief-restricted.pdf"
    pages = squash(" ".join(page_texts(pdf)))
    for sentence in RESTRICTED:
        assert squash(sentence) in pages
    assert "Nightjar crosses the river at dawn." in [mark.title for mark in bookmarks(pdf)]
    assert _holds(_everything(pdf), "Nightjar")  # the byte search would see a leak
    assert "public reads a summary" not in " ".join(page_texts(pdf))
    assert "RESTRICTED" in page_texts(pdf)[0] and "Named readers only" in page_texts(pdf)[0]
    html = (project / "out" / "brief-restricted.html").read_text(encoding="utf-8")
    assert "::: only" not in html and "{.only" not in html


def test_product_build_without_edition_says_so_on_its_cover(project: Path) -> None:
    texts = page_texts(project / "out" / "brief.pdf")
    cover = " ".join(texts[0].split())
    assert "Every edition: this copy includes the sections for public, restricted" in cover
    pages = squash(" ".join(texts))
    assert all(squash(sentence) in pages for sentence in RESTRICTED)
    assert "Every edition" not in page_texts(project / "out" / "brief-public.pdf")[0]


def test_product_unknown_edition_is_one_error_and_nothing_written(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["brief.md", "-d", "unknown", "--edition", "press"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == "brief.md:4: unknown edition 'press': its editions are public, restricted"
    assert not (project / "unknown").exists()
