"""Property-based: any front matter or Markdown either builds or fails with one clean line."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli.main import main
from briefing.read.metadata import FIELD_NAMES

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
)  # no example database: tests never write into the repository

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=30), st.dates().map(str),
)  # fmt: skip
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=8)
_keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
_markdown_alphabet = st.sampled_from([
    *"abc XYZ 123 #*_`[]()!<>-|:{}%=&;\"'\n\n\t",
    "<img src='x.png'>", "::: table t\n", "{{ 1 }}", "<script>x</script>",
    "](../../etc/passwd)", "é", "🧠", "\u00ad",
])  # fmt: skip


def _build_cleanly(text: str) -> None:
    """Build `text` as a brief in a fresh folder (removed afterwards) and check the outcome."""
    with tempfile.TemporaryDirectory(prefix="briefing-property-") as name:
        folder = Path(name)
        (folder / "brief.md").write_text(text, encoding="utf-8")
        output = folder / "out" / "brief.pdf"
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            code = main([str(folder / "brief.md"), "-o", str(output), "--force"])
        _assert_clean(code, stderr.getvalue(), output)


def _assert_clean(code: int, stderr: str, output: Path) -> None:
    assert code in (0, 1), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    if code == 1:  # one line per problem found, none repeated
        lines = stderr.splitlines()
        assert lines and len(set(lines)) == len(lines) and all(lines), stderr
        assert not output.exists(), "a failed build left a PDF"
    else:
        assert output.read_bytes().startswith(b"%PDF-")
    if output.parent.exists():
        assert set(os.listdir(output.parent)) <= {"brief.pdf"}, "temporary files left behind"


@SETTINGS
@given(front=st.dictionaries(_keys, _values, max_size=6), body=st.text(max_size=200))
def test_any_front_matter_builds_or_fails_cleanly(front: dict[str, object], body: str) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    _build_cleanly(text)


@SETTINGS
@given(raw=st.text(max_size=120))
def test_any_raw_front_matter_text_builds_or_fails_cleanly(raw: str) -> None:
    _build_cleanly(f"---\n{raw}\n---\n# Body\n")


@SETTINGS
@given(body=st.lists(_markdown_alphabet, max_size=60).map("".join))
def test_any_markdown_builds_or_fails_cleanly(body: str) -> None:
    _build_cleanly(body)
