"""The plan: each profile's settings worked out once per build."""

from __future__ import annotations

from pathlib import Path

import pypdf

from briefing.cli.main import main
from briefing.config import Config
from briefing.plan import plan_profiles

from .conftest import MINIMAL_BRIEF, WriteProject


def test_every_profile_of_a_build_has_one_timestamp_and_its_own_outputs(tmp_path: Path) -> None:
    plans = plan_profiles(Config(marks=True), tmp_path / "b.pdf", ("all",), "letter")
    assert [plan.profile.name for plan in plans] == ["brief", "handout", "email"]
    assert len({plan.created for plan in plans}) == 1
    assert [plan.output.name for plan in plans] == ["b.pdf", "b-handout.pdf", "b-email.pdf"]
    handout = [path.name for path in plans[1].stylesheets]
    assert handout == ["common.css", "paper-letter.css", "profile-handout.css", "marks.css"]


def test_profiles_built_together_share_their_creation_date(
    write_project: WriteProject, tmp_path: Path
) -> None:
    source = write_project({"brief.md": MINIMAL_BRIEF}) / "brief.md"
    output = tmp_path / "b.pdf"
    assert main([str(source), "-o", str(output), "--profile", "all", "-j", "1"]) == 0
    dates = {
        pypdf.PdfReader(path).metadata["/CreationDate"]
        for path in (output, tmp_path / "b-handout.pdf", tmp_path / "b-email.pdf")
    }
    assert len(dates) == 1
