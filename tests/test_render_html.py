"""Rendering to HTML: golden output, template errors, sanitising. Regenerate goldens with
`./tasks.sh golden` (sets BRIEFING_UPDATE_GOLDEN=1) after an intended change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.config import Config
from briefing.errors import BuildError
from briefing.read.document import read_briefing
from briefing.render.html import render_html
from briefing.render.sanitize import sanitize_html

from .conftest import FIXED_EPOCH, NATO_SOURCE, WriteProject

EXPECTED = Path(__file__).parent / "expected"


def _golden(name: str, actual: str) -> None:
    path = EXPECTED / name
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run ./tasks.sh golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs: ./tasks.sh golden"


def test_nato_brief_html_matches_golden() -> None:
    briefing = read_briefing(NATO_SOURCE)
    html = render_html(briefing, Config(source_date_epoch=int(FIXED_EPOCH)))
    base = NATO_SOURCE.parent.resolve().as_uri()
    _golden("nato-eu-relations.html", html.replace(base, "file:///BRIEF"))


def test_missing_template_field_names_field_and_line(
    write_project: WriteProject, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(Config().template_dirs[0], templates)
    (templates / "broken.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ metadata.no_such_field }}</p>\n'
        "{% endblock main %}\n"
    )
    project = write_project({"b.md": "---\ntemplate: broken\nlanguage: en\n---\n# Hi\n"})
    with pytest.raises(BuildError) as error:
        render_html(read_briefing(project / "b.md"), Config(template_dirs=(templates,)))
    assert error.value.path == templates / "broken.html"
    assert error.value.line == 3
    assert "no_such_field" in str(error.value)


@pytest.mark.parametrize(
    ("html", "kept", "dropped"),
    [
        ("<p onclick='x()'>hi</p>", "<p>hi</p>", "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", "javascript"),
        ("<script>alert(1)</script><p>t</p>", "<p>t</p>", "<script"),
        ('<img src="a.png" alt="A" style="background:url(x)">', 'alt="A"', "style"),
        ('<a rel="attachment" href="f.csv">f</a>', 'href="f.csv"', "rel="),
        ('<meta http-equiv="refresh" content="0">', "", "<meta"),
        ('<link rel="stylesheet" href="x.css">', "", "<link"),
        ('<table><tr><th scope="col">H</th></tr></table>', 'scope="col"', "<script"),
        (
            '<table><colgroup><col style="width: 30%; background: url(x)"></colgroup></table>',
            '<col style="width:30%">',
            "url(",
        ),
        ('<p style="width: 30%">t</p>', "<p>t</p>", "style"),
    ],
)
def test_sanitize_html_keeps_markup_and_drops_danger(html: str, kept: str, dropped: str) -> None:
    clean = sanitize_html(html)
    assert kept in clean
    assert dropped not in clean
