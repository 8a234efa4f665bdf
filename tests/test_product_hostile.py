"""Hostile input finishes or is refused quickly, and faults cost no content or build.

Hostile input: work is counted, never timed.

Each scan of ours is run on a hostile input of size n and 2n, with its work counted
deterministically: characters handed to `str` methods, characters `find`/`count` read, Python
lines run. Linear work doubles with the input; the patterns these scans replaced grew with its
square or cube (a heading of `a` + 5,000 spaces + `b` took 98 s, 50,000 `{?` 66 s). The timing
figures are in the report of issue 13, not here.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import markdown
import pypdf
import pytest
import yaml
from markdown.inlinepatterns import LinkInlineProcessor

from briefing import cache
from briefing.cli.main import main
from briefing.config import Config
from briefing.errors import ContentError
from briefing.read.bounds import (
    SCAN_ALLOWANCE,
    SCAN_PER_CHARACTER,
    check_link_scans,
    link_scan_length,
    paragraphs,
)
from briefing.read.front_matter import first_heading
from briefing.read.tables import load_table
from briefing.read.verification import check_references, claim_end, find_claims
from briefing.render.briefing_markdown import MAX_UNBROKEN, BriefingExtension
from briefing.render.templates import make_environment

from .conftest import MINIMAL_BRIEF, PROJECT_ROOT, WriteProject
from .pdfread import page_texts


class CountingText(str):
    """A text that counts the characters its `find` and `count` calls read."""

    read = 0

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        begin, stop = start or 0, len(self) if end is None else end
        found = super().find(sub, begin, stop)
        CountingText.read += (stop if found == -1 else found + len(sub)) - begin
        return found

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:
        begin, stop = start or 0, len(self) if end is None else end
        CountingText.read += stop - begin
        return super().count(sub, begin, stop)


@contextmanager
def _counting() -> Iterator[list[int]]:
    """Count Python lines run plus the length of every `str` a C method is called on (a
    CountingText's `find` and `count` only what they read)."""
    work = [0]

    def profile(frame: FrameType, event: str, argument: Any) -> None:
        receiver = getattr(argument, "__self__", None)
        if event == "c_call" and isinstance(receiver, str):  # CountingText counts its own
            work[0] += 0 if isinstance(receiver, CountingText) else len(receiver)

    def trace(frame: FrameType, event: str, argument: Any) -> Any:
        work[0] += 1
        return trace

    CountingText.read = 0
    sys.setprofile(profile)
    sys.settrace(trace)
    try:
        yield work
    finally:
        sys.settrace(None)
        sys.setprofile(None)
        work[0] += CountingText.read


def _work(function: Callable[[str], object], text: str) -> int:
    with _counting() as work:
        function(CountingText(text))
    return work[0]


HOSTILE: dict[str, tuple[Callable[[int], str], Callable[[str], object]]] = {
    "heading of spaces": (lambda n: "# a" + " " * n + "b\n", first_heading),
    "heading of hashes": (lambda n: "#" * n + " x\n" + "# a" + "#" * n, first_heading),
    "unclosed claims": (lambda n: "{?" * n, lambda text: find_claims(text, 1)),
    "claims on many lines": (lambda n: "{?a?}\n" * n, lambda text: find_claims(text, 1)),
    "unknown figures": (
        lambda n: "@fig:x\n" * n,
        lambda text: check_references(Path("b.md"), text, 1, set(), set()),
    ),
    "unclosed brackets": (lambda n: "[@" * n, link_scan_length),
    "paragraphs": (lambda n: "a\n\n```\n[\n" * n, paragraphs),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_scan_work_grows_linearly_with_hostile_input(case: str) -> None:
    make, function = HOSTILE[case]
    small, large = _work(function, make(2_000)), _work(function, make(4_000))
    assert large <= 2.2 * small, (small, large)


def test_first_heading_keeps_what_the_pattern_found() -> None:
    assert first_heading("# Title ##\n") == "Title"
    assert first_heading("text\n## a  b  \n# later") == "a  b"
    assert first_heading("####### seven\n#no-space\n   # indented\n# real") == "real"
    assert first_heading("# a" + " " * 5_000 + "b") == "a" + " " * 5_000 + "b"
    assert first_heading("no heading") is None


def test_claims_end_at_the_next_opening() -> None:
    claims = find_claims("{?one?} and {?{?two?} {?? {?three\n?}", 10)
    assert [(claim.number, claim.text, claim.line) for claim in claims] == [
        (1, "one", 10),
        (2, "two", 10),
        (3, "three", 10),
    ]
    assert claim_end("{?a?}", 0) == 5
    assert claim_end("{??}", 0) is None


def test_unknown_references_are_one_warning_per_name() -> None:
    body = "@fig:x @fig:x\n\n@fig:y\n" + "[@nobody]" * 3
    warnings = check_references(Path("b.md"), body, 5, set(), set())
    assert [(warning.line, warning.message.split(",")[0]) for warning in warnings] == [
        (8, "unknown source 'nobody' in '[@nobody]' (3 times)"),
        (5, "unknown figure 'x' in '@fig:x' (2 times)"),
        (7, "unknown figure 'y' in '@fig:y'"),
    ]


def _markdown_link_reads(text: str) -> int:
    """Characters Python-Markdown's link processors read in `text`, counted in the act."""
    read = [0]
    original_text, original_link = LinkInlineProcessor.getText, LinkInlineProcessor.getLink

    def get_text(self: Any, data: str, index: int) -> tuple[str, int, bool]:
        found = original_text(self, data, index)
        read[0] += found[1] - index
        return found

    def get_link(self: Any, data: str, index: int) -> tuple[str, str | None, int, bool]:
        found = original_link(self, data, index)
        read[0] += found[2] - index
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LinkInlineProcessor, "getText", get_text)
        patch.setattr(LinkInlineProcessor, "getLink", get_link)
        markdown.markdown(text)
    return read[0]


@pytest.mark.parametrize(
    "text",
    ["[a](b) [c] [[d]] \\[ (e) ![f](g)", "[@" * 300, "[a](" * 300, "[" * 200 + "]" * 200],
)
def test_link_scan_length_bounds_what_markdown_reads(text: str) -> None:
    # Markdown runs up to three link patterns over each bracket: three times our count.
    assert _markdown_link_reads(text) <= 3 * link_scan_length(text)[0] + len(text)


def test_link_scans_over_the_budget_are_refused_with_their_line() -> None:
    body = "Intro.\n\n```\n" + "[" * 50_000 + "\n```\n\nFine [link](x).\n\nBad " + "[@" * 20_000
    with pytest.raises(ContentError) as raised:
        check_link_scans(body, Path("b.md"), 20)
    assert str(raised.value).startswith("b.md:28: 20,000 brackets left open in this paragraph")
    ordinary = "Prose with [a link](https://example.org) and [@a] citation. " * 30_000
    check_link_scans(ordinary, Path("b.md"), 1)  # about 1.8 MB of links: within the budget
    assert link_scan_length(ordinary)[0] <= SCAN_PER_CHARACTER * len(ordinary) + SCAN_ALLOWANCE


def _longest_unbroken(html: str) -> int:
    """The longest run of text characters with no space, `-`, `/` or U+200B, tags skipped."""
    longest = run = 0
    inside_tag = False
    for character in html:
        if character in "<>":
            inside_tag = character == "<"
        elif not inside_tag:
            run = 0 if character.isspace() or character in "-/\u200b" else run + 1
            longest = max(longest, run)
    return longest


@pytest.mark.parametrize(
    "body",
    ["@fig:nothing" * 2_000, "**b**" * 2_000, "x" * 10_000, "[@nobody]" * 500, "a\\*" * 900],
)
def test_long_runs_get_a_break_every_so_often(body: str) -> None:
    html = markdown.markdown(
        body, extensions=[BriefingExtension(lambda kind, name: "", {}, {}, ())]
    )
    # WeasyPrint looks ~190 characters ahead for a line's end before it lays out the rest.
    assert _longest_unbroken(html.replace("&amp;", "&")) <= MAX_UNBROKEN
    assert "\u200b" in html and "\x02" not in html


def test_code_keeps_its_long_lines() -> None:
    extension = BriefingExtension(lambda kind, name: "", {}, {}, ())
    html = markdown.markdown(
        "```\n" + "x" * 500 + "\n```\n\n`" + "y" * 500 + "`", extensions=[extension]
    )
    assert "\u200b" not in html


# Faults and odd input elsewhere in the build: each once an "internal error" or a silent loss.


def test_attachment_names_are_pdf_text_strings_sorted_by_their_bytes(
    write_project: WriteProject, tmp_path: Path
) -> None:
    names = ["b-é.txt", "a.txt", "日本.txt"]
    project = write_project(
        {
            "brief.md": f"---\nattachments: {names}\nlanguage: en\n---\n# Data\n\nText.\n",
            **{name: f"contents of {name}" for name in names},
        }
    )
    output = tmp_path / "brief.pdf"
    assert main([str(project / "brief.md"), "-o", str(output), "--no-sources"]) == 0
    reader = pypdf.PdfReader(output)
    root: Any = reader.trailer["/Root"]
    keys = root["/Names"]["/EmbeddedFiles"].get_object()["/Names"][0::2]
    assert [str(key) for key in keys] == ["a.txt", "b-é.txt", "日本.txt"]
    written = [key.get_original_bytes() for key in keys]
    assert written == sorted(written)
    assert written[1].startswith(codecs.BOM_UTF16_BE)  # UTF-16BE, not raw UTF-8
    assert {name: data[0].decode() for name, data in reader.attachments.items()} == {
        name: f"contents of {name}" for name in names
    }


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        ("caption: C\ncolumns: [a, b]\nrows: 5\n", 3, "'rows' must be a list, got int: 5"),
        ("caption: C\ncolumns: {a: 1}\nrows: [[x, y]]\n", 2, "'columns' must be a list, got"),
        ("caption: [C]\ncolumns: [a]\nrows: [[x]]\n", 1, "'caption' must be text, got list"),
        ("caption: C\nsource: true\ncolumns: [a]\nrows: [[x]]\n", 2, "'source' must be text"),
        ("caption: C\ncolumns: [a, b]\nrows:\n  - [x, [y]]\n", 3, "row 1 has a list for a cell"),
    ],
)
def test_table_data_of_the_wrong_type_is_an_error_with_its_line(
    data: str, line: int, message: str
) -> None:
    with pytest.raises(ContentError) as raised:
        load_table(Path("data/t.yaml"), data)
    assert (raised.value.line, raised.value.message[: len(message)]) == (line, message)


def _wide_brief(columns: int) -> dict[str, str | bytes]:
    table = {
        "caption": f"{columns} columns",
        "columns": [f"Heading {number}" for number in range(1, columns + 1)],
        "rows": [[f"cell {number}" for number in range(1, columns + 1)]],
    }
    return {
        "brief.md": "---\nlanguage: en\n---\n# Section\n\nText.\n\n::: table wide\n",
        "data/wide.yaml": yaml.safe_dump(table),
    }


@pytest.mark.parametrize(
    ("columns", "warning"),
    [
        (5, None),
        (
            20,
            r"brief\.md:8: warning: table 'wide' has 20 columns, too many for a portrait page: "
            r"printed in \d+ parts, each repeating the first column",
        ),
        (200, r"table 'wide' has 200 columns, too many for a portrait page: printed in \d+ parts"),
    ],
)
def test_a_table_that_does_not_fit_is_never_dropped_silently(
    write_project: WriteProject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    columns: int,
    warning: str | None,
) -> None:
    project = write_project(_wide_brief(columns))
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "brief.pdf")]) == 0
    err = capsys.readouterr().err
    assert re.search(warning, err) if warning else err == "", err
    assert "cut off" not in err, err
    text = " ".join(page_texts(tmp_path / "brief.pdf")).split()
    assert all(str(number) in text for number in range(1, columns + 1)), "no column is lost"
    if warning:  # and --strict refuses it
        assert main([str(project / "brief.md"), "-o", str(tmp_path / "b.pdf"), "--strict"]) == 1


UNWRITABLE = Path("/proc")
"""A folder that exists and that no one, not even root, can create files in."""


def test_an_unwritable_cache_folder_only_costs_compiling(
    write_project: WriteProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environment = make_environment((PROJECT_ROOT / "templates",), UNWRITABLE)
    assert environment.get_template("macros.html") is not None  # was OSError: __jinja2_…
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(UNWRITABLE))
    project = write_project({"brief.md": MINIMAL_BRIEF})
    assert main([str(project / "brief.md"), "-o", str(tmp_path / "brief.pdf")]) == 0


@pytest.mark.parametrize(
    "manifest",
    [
        [],
        "text",
        {"inputs": [], "outputs": []},
        {"inputs": {}, "outputs": ["brief.pdf"]},
        {"inputs": {"a": 5}, "outputs": [{"path": "p", "digest": "d", "line": "l"}]},
        {"inputs": {}, "outputs": [{"path": 5, "digest": "d", "line": "l"}]},
        {"inputs": {"a\u0000b": "d"}, "outputs": [{"path": "p", "digest": "d", "line": "l"}]},
        {"inputs": {}, "outputs": [{"path": "p", "digest": "d", "line": "l"}], "warnings": 3},
    ],
)
def test_a_manifest_of_the_wrong_shape_only_costs_a_rebuild(
    write_project: WriteProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manifest: object
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    project = write_project({"brief.md": MINIMAL_BRIEF})
    source, output = project / "brief.md", tmp_path / "brief.pdf"
    assert main([str(source), "-o", str(output)]) == 0
    for stored in (tmp_path / "cache").glob("*.json"):
        stored.write_text(json.dumps(manifest))
    assert cache.lookup(source, output, Config(cache_dir=tmp_path / "cache")) is None
    output.write_bytes(b"old")
    assert main([str(source), "-o", str(output)]) == 0
    assert output.read_bytes().startswith(b"%PDF")
