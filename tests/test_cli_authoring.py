"""Authoring: briefing new, claims and sources, figures in the brief, banners, preflight."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.read.document import read_briefing

from .conftest import MINIMAL_BRIEF, NATO_SOURCE, WriteProject
from .pdfread import bookmarks, page_texts, squash, structure_elements

ROOT = Path(__file__).resolve().parent.parent
BANNERS = MINIMAL_BRIEF.replace(
    "language: en",
    "language: en\n"
    'classification: "UNCLASSIFIED — FOR TRAINING"\n'
    'distribution: "Course participants only; do not forward."',
)


def test_new_brief_builds_as_it_is_and_is_never_overwritten(tmp_path: Path) -> None:
    content = tmp_path / "content"
    command = [sys.executable, str(ROOT / "build.py"), "new", "Grid Resilience: Options",
               "--content", str(content)]  # fmt: skip
    first = subprocess.run(command, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    source = content / "grid-resilience-options.md"
    assert source.exists()
    assert (content / "data" / "grid-resilience-options-comparison.yaml").exists()
    assert (content / "data" / "grid-resilience-options-timeline.yaml").exists()
    assert (content / "data" / "grid-resilience-options-costs.yaml").exists()
    text = source.read_text()
    for field in ("title:", "summary:", "notice:", "classification:", "sources:", "paper:"):
        assert field in text
    output = tmp_path / "out.pdf"
    assert main([str(source), "-o", str(output), "--profile", "all"]) == 0
    pdf_text = "".join(page_texts(output))
    assert "Grid Resilience: Options" in pdf_text and "Figure 1: Key dates" in pdf_text
    assert "Figure 2: Cost of each option" in pdf_text and "Option B" in pdf_text
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "grid-resilience-options-2.md" in again.stdout  # a clash gets the next free name
    assert source.read_text() == text


def test_new_brief_title_with_backslash_quotes_and_hash_builds(tmp_path: Path) -> None:
    title = 'Path C:\\Briefs "draft" #2: a\\b'
    assert main(["new", title, "--content", str(tmp_path)]) == 0
    [source] = tmp_path.glob("*.md")
    output = tmp_path / "out.pdf"
    assert main([str(source), "-o", str(output)]) == 0
    assert title in "".join(page_texts(output))


def test_console_script_new_too(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "briefing"
    run = subprocess.run([str(script), "new", "Café Brief", "--content", str(tmp_path)],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0 and (tmp_path / "cafe-brief.md").exists()


def test_nato_claims_are_marked_listed_and_counted(
    nato_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = page_texts(nato_pdf)
    appendix = next(i for i, text in enumerate(texts) if "Claims to verify" in text.split("\n")[1])
    listed = [int(page) for page in re.findall(r"\(page (\d+)\)", "".join(texts[appendix:]))]
    claims = read_briefing(NATO_SOURCE).claims
    assert len(listed) == len(claims) == 7
    for claim, page in zip(claims, listed, strict=True):  # the appendix is in source order
        start = squash(claim.text)[:40]
        found = [n for n, text in enumerate(texts[:appendix], 1) if start in squash(text)]
        assert found and found[0] == page, f"claim {claim.number} is on {found}, listed {page}"
    page = listed[2]  # 'Both organizations utilize secure communication channels'
    assert "VERIFY" in texts[page - 1]  # the margin mark
    assert main([str(NATO_SOURCE), "-o", str(tmp_path / "n.pdf"), "--force"]) == 0
    assert "7 claims to verify" in capsys.readouterr().out


def test_final_refuses_while_claims_remain(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = MINIMAL_BRIEF + "\n{?Unchecked statement one.?}\n\nText.\n\n{?Unchecked two.?}\n"
    project = write_project({"brief.md": body})
    output = tmp_path / "f.pdf"
    assert main([str(project / "brief.md"), "-o", str(output), "--final"]) == 1
    error = capsys.readouterr().err
    assert "brief.md:16: 2 claim(s) still to verify (--final): line 16:" in error
    assert "line 20: 'Unchecked two.'" in error
    assert not output.exists()
    project = write_project({"brief.md": body.replace("{?", "").replace("?}", "")})
    assert main([str(project / "brief.md"), "-o", str(output), "--final"]) == 0


def test_sources_are_numbered_cited_and_linked(nato_pdf: Path) -> None:
    texts = page_texts(nato_pdf)
    sources = texts[-1]
    assert "Sources" in sources and "1. Exploring the Strategic Dynamics" in sources
    assert "2. The North Atlantic Treaty" in sources
    assert squash("Cold War.[2]") in squash("".join(texts))
    titles = [mark.title for mark in bookmarks(nato_pdf)]
    assert titles[-2:] == ["Claims to verify", "Sources"]


def test_unknown_citation_or_figure_reference_warns_and_prints_as_written(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = {
        "a": ("As shown [@nowhere].", "a.md:16: warning: unknown source 'nowhere'"),
        "b": ("See @fig:missing here.", "b.md:16: warning: unknown figure 'missing'"),
        "c": ("See [below](#no-such-heading).", "c.md:16: warning: link '#no-such-heading'"),
    }
    project = write_project(
        {f"{name}.md": f"{MINIMAL_BRIEF}\n{text}\n" for name, (text, _) in cases.items()}
    )
    printed = {"a": "As shown [@nowhere].", "b": "See @fig:missing here.", "c": "See below."}
    for name, (_, message) in cases.items():
        output = tmp_path / f"{name}.pdf"
        assert main([str(project / f"{name}.md"), "-o", str(output)]) == 0
        streams = capsys.readouterr()
        assert message in streams.err
        assert streams.out.rstrip().endswith("1 warning")
        assert printed[name] in "".join(page_texts(output))
        assert main([str(project / f"{name}.md"), "-o", str(output), "--strict"]) == 1
        assert f"{name}.md:16: " in capsys.readouterr().err


def test_nato_figures_are_numbered_captioned_and_referenced(nato_pdf: Path) -> None:
    text = squash("".join(page_texts(nato_pdf)))
    assert squash("Figure 1: Milestones in NATO–EU relations named in the article") in text
    assert squash("Figure 2: Roles of NATO and the EU, and where they overlap") in text
    assert squash("Figure 1 places the two dated milestones") in text
    assert squash("Figure 2 sets out which roles") in text
    for label in ("Collective defense", "Intelligence sharing", "Civilian crisis management",
                  "1949", "2002"):  # fmt: skip
        assert squash(label) in text


def test_banners_on_every_page_and_cover_in_every_profile(
    write_project: WriteProject, tmp_path: Path
) -> None:
    body = BANNERS + "".join(f"\n# Part {n}\n\n" + "Text. " * 300 + "\n" for n in range(3))
    project = write_project({"brief.md": body})
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "b.pdf"), "--profile", "all"]) == 0
    for name in ("b.pdf", "b-handout.pdf", "b-email.pdf"):
        texts = page_texts(tmp_path / name)
        assert len(texts) >= 3
        for number, text in enumerate(texts, start=1):
            lines = text.split("\n")
            assert lines[0] == "UNCLASSIFIED — FOR TRAINING", f"{name} page {number} top"
            assert lines[-2:] == ["UNCLASSIFIED — FOR TRAINING",
                                  "Course participants only; do not forward."], name  # fmt: skip
        assert "Course participants only; do not forward." in texts[0].split("\n")[1]


def test_no_banners_when_front_matter_has_none(nato_pdf: Path) -> None:
    assert all("UNCLASSIFIED" not in text for text in page_texts(nato_pdf))


def test_preflight_reports_every_missing_glyph_with_its_line(
    write_project: WriteProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = MINIMAL_BRIEF + "\nFine text.\n\nBad \U000f0001 and \U000f0002.\n\nMore \U000f0003.\n"
    project = write_project({"brief.md": body})
    output = tmp_path / "g.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 1
    error = capsys.readouterr().err
    assert "brief.md:18: no font has a glyph for U+F0001" in error
    assert "U+F0002" in error and "U+F0003 ('\\U000f0003', line 20)" in error
    assert "Inter" in error and "Symbola" in error
    assert not output.exists()


def test_tagged_figures_carry_their_alt_text(nato_pdf: Path) -> None:
    alts = [str(node["/Alt"]) for node in structure_elements(nato_pdf)
            if node["/S"] == "/Figure" and "/Alt" in node]  # fmt: skip
    assert any(alt.startswith("Two overlapping rounded rectangles") for alt in alts)
    assert any(alt.startswith("A horizontal timeline") for alt in alts)
