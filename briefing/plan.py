"""The plan: each profile's settings worked out once per build (output path, stylesheets,
timestamp), then read by rendering, layout and writing alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Config, creation_time
from briefing.output import output_for
from briefing.profiles import Profile, select_profiles


@dataclass(frozen=True)
class ProfilePlan:
    """What one profile of one build makes, and how."""

    profile: Profile
    output: Path
    """Where this profile's PDF goes."""
    stylesheets: tuple[Path, ...]
    """The CSS layers, in order: common, paper, profile, crop marks."""
    created: dt.datetime
    """The build's timestamp, one for every profile, so profiles can share a layout."""


def plan_profiles(
    config: Config,
    output: Path,
    profile_names: tuple[str, ...],
    paper: str,
    created: dt.datetime | None = None,
) -> list[ProfilePlan]:
    """A plan per profile named (`config.profiles` win over `profile_names`, the brief's);
    `output` is the brief profile's path, or the one profile's when `-o` named it."""
    created = created or creation_time(config)
    profiles = select_profiles(list(config.profiles or profile_names))
    exact = config.output_named and len(profiles) == 1
    return [
        ProfilePlan(
            profile,
            output_for(output, "" if exact else profile.suffix),
            tuple(config.style_path(name) for name in _stylesheets(config, profile, paper)),
            created,
        )
        for profile in profiles
    ]


def _stylesheets(config: Config, profile: Profile, paper: str) -> list[str]:
    """The CSS layers for one profile: common, paper, profile, then crop marks if asked."""
    paper_sheet = f"paper-{config.paper or paper}.css"
    marks = ["marks.css"] if config.marks else []
    return [*config.stylesheets, paper_sheet, *profile.stylesheets, *marks]
