"""Table header cells a screen reader can pair with their cells: `/Scope /Column` on the header
row's cells, `/Scope /Row` on the rows' names, in every kind of table and every profile, as an
independent PDF/UA-1 checker (`pdfua`, no JVM) confirms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdfua import validate

from briefing.cli.main import main

from .conftest import FIXED_EPOCH, MINIMAL_BRIEF, NATO_SOURCE, WriteProject
from .pdfread import structure_elements

PROFILES = ("brief", "handout", "email")


@pytest.fixture(scope="module")
def nato_profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The NATO brief in its three profiles."""
    folder = tmp_path_factory.mktemp("nato-profiles")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert main([str(NATO_SOURCE), "-d", str(folder), "--profile", "all"]) == 0
    stem = NATO_SOURCE.stem
    return {
        profile: folder / (f"{stem}.pdf" if profile == "brief" else f"{stem}-{profile}.pdf")
        for profile in PROFILES
    }


@pytest.mark.parametrize("profile", PROFILES)
def test_the_pdfua_checker_finds_nothing_in_the_nato_brief(
    nato_profiles: dict[str, Path], profile: str
) -> None:
    report = validate(str(nato_profiles[profile]))
    findings = [
        f"{finding.rule_id} {finding.severity.name}: {finding.message}"
        for finding in report.findings
        if finding.severity.name in ("ERROR", "WARNING")
    ]
    assert not findings, findings


def test_every_kind_of_table_scopes_its_headers(write_project: WriteProject) -> None:
    """A data table, a data table too wide for its page (printed in parts, each repeating the
    rows' names) and a Markdown pipe table."""
    wide = {
        "caption": "Many criteria",
        "columns": ["Option", *(f"Criterion {number}" for number in range(1, 16))],
        "rows": [[f"Option {row}", *(["A long effect, cost up"] * 15)] for row in (1, 2)],
    }
    short = {"caption": "Two options", "columns": ["Option", "Effect"], "rows": [["A", "B"]]}
    body = "\n::: table short\n\n::: table wide\n\n| Name | Value |\n|---|---|\n| x | 1 |\n"
    project = write_project(
        {
            "brief.md": MINIMAL_BRIEF + body,
            "data/short.yaml": json.dumps(short),
            "data/wide.yaml": json.dumps(wide),
        }
    )
    output = project / "brief.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 0
    rows = [element for element in structure_elements(output) if element["/S"] == "/TR"]
    tables = [element for element in structure_elements(output) if element["/S"] == "/Table"]
    assert len(tables) >= 4  # the short table, two or more parts of the wide one, the pipe table
    scopes: dict[str, int] = {}
    for row in rows:
        cells = [kid.get_object() for kid in row["/K"]]
        data = any(cell["/S"] == "/TD" for cell in cells)
        for number, cell in enumerate(cells):
            if cell["/S"] != "/TH":
                continue
            scope = cell["/A"]["/Scope"]
            assert scope == ("/Row" if data else "/Column"), (number, scope)
            assert not data or number == 0  # row headers are the first column's
            scopes[scope] = scopes.get(scope, 0) + 1
    # Column headers: 2 + 2, and 16 in the parts (each part repeating "Option"); row headers:
    # the short table's one row and the wide table's two rows in each of its two or more parts.
    assert scopes.get("/Column", 0) >= 2 + 2 + 16 + 1 and scopes.get("/Row", 0) >= 1 + 2 * 2
    assert not validate(str(output)).findings
