"""Real Pandoc and Quarto documents nobody here wrote (tests/realdocs-pandoc/, origin and
licence in its SOURCES.md) build with defaults, with their BibTeX files beside them: no markup
printed outside code, at least 95% of their prose found, every code line kept.

Citations and math in a sentence are not compared word for word: they print as "(Kuhn 1962)"
and as drawings, so the prose around them is matched piece by piece.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from briefing.cli.main import main
from tests.realdocs_text import code_lines, missing_from_pdf, prose_sentences, read_pdf_text

CORPUS = Path(__file__).parent / "realdocs-pandoc"
DOCUMENTS = sorted(path for path in CORPUS.iterdir() if path.suffix in (".md", ".qmd"))
DOCUMENTS = [path for path in DOCUMENTS if path.name != "SOURCES.md"]
MINIMUM_PROSE_RATIO = 0.95
MARKUP = [":::", "{.", "{#", "^[", "$$", "\\frac", "@fig-", "@tbl-", "@eq-", "@fig:", "@tbl:"]
MARKUP += ["@eq:", "[@", "{{<", "\\begin", "\\end{", "\\label"]
# What the reference reading of the source (Python-Markdown's "extra") takes for prose but
# Pandoc does not: front matter closed by `...`, fences, attributes, display math, raw LaTeX
# environments, the `Table:` before a caption. Citations and inline math become template-like
# tags, which the comparison splits at.
_PANDOC_ONLY = [
    (re.compile(r"\A---\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL), "\n"),
    (re.compile(r"^:::.*$", re.MULTILINE), ""),
    (re.compile(r"\{[#.][^{}\n]*\}"), ""),
    (re.compile(r"\$\$.*?\$\$", re.DOTALL), "{{math}}"),
    (re.compile(r"\\begin\{(\w+)\}.*?\\end\{\1\}", re.DOTALL), ""),
    (re.compile(r"^(?:Table)?: +", re.MULTILINE), ""),
    (re.compile(r"\[-?@[^\]]*\]|(?<![\w.])@[\w:-]+"), "{{cite}}"),
    (re.compile(r"\$[^$\n]+\$"), "{{math}}"),
]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_pandoc_document_builds_with_no_markup_and_keeps_its_text(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for companion in CORPUS.glob("*.bib"):
        (tmp_path / companion.name).write_bytes(companion.read_bytes())
    copy = tmp_path / document.name
    copy.write_bytes(document.read_bytes())
    output = tmp_path / "out.pdf"
    exit_code = main([str(copy), "-o", str(output)])
    errors = capsys.readouterr().err.strip().splitlines()
    assert exit_code == 0, f"build failed: {errors[-1] if errors else 'no message'}"
    source = document.read_text(encoding="utf-8")
    text = read_pdf_text(output)
    body = _PANDOC_ONLY[0][0].sub("\n", source, count=1)  # front matter closed by `...` too
    code = "\n".join(code_lines(body))
    printed = [markup for markup in MARKUP if text.count(markup) > code.count(markup)]
    assert printed == [], f"markup printed: {printed}"
    sentences = tuple(prose_sentences(_prose_only(source)))
    lines = tuple(code_lines(body))
    missing, missing_code = missing_from_pdf(text, sentences, lines)
    ratio = 1 - len(missing) / len(sentences) if sentences else 1.0
    shown = [sentence.text[:80] for sentence in missing[:3]]
    assert ratio >= MINIMUM_PROSE_RATIO, f"{ratio:.1%} of prose kept; missing: {shown}"
    assert missing_code == (), f"code lines missing: {missing_code[:3]}"


def test_at_least_eleven_documents_each_with_its_source_noted() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert len(DOCUMENTS) >= 11
    named = [path.name for path in [*DOCUMENTS, *CORPUS.glob("*.bib")]]
    assert [name for name in named if f"`{name}`" not in sources] == []


def _prose_only(source: str) -> str:
    """The source as the reference reading should see it: Pandoc-only syntax taken out."""
    for pattern, replacement in _PANDOC_ONLY:
        source = pattern.sub(replacement, source)
    return source


def test_a_chapter_without_front_matter_takes_its_heading_as_title(tmp_path: Path) -> None:
    chapter = tmp_path / "chapitre.qmd"
    chapter.write_bytes((CORPUS / "utilitr-joindre-donnees-fr.qmd").read_bytes())
    output = tmp_path / "chapitre.pdf"
    assert main([str(chapter), "-o", str(output)]) == 0
    assert pypdf.PdfReader(output).metadata.title == "Joindre des tables de données"
    assert "{#jointures}" not in read_pdf_text(output)
