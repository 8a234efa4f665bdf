"""The build's first stage: the briefing read, its house style chosen, its profiles planned.

Its imports are light (no WeasyPrint, Markdown or Jinja2): a build reads before it loads the
later stages, so whatever can start early (the charts) does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from briefing.brand.choice import choose_brand
from briefing.brand.model import Brand
from briefing.config import Config
from briefing.plan import ProfilePlan, plan_profiles
from briefing.read.document import Briefing, read_briefing
from briefing.read.files import document_door
from briefing.render.charts.style import ChartStyle, chart_styles


@dataclass(frozen=True)
class Reading:
    """What the reading stage found, and the settings worked out from it."""

    briefing: Briefing
    brand: Brand
    config: Config
    """The build's settings, with the brand's files the fetcher may serve."""
    plans: list[ProfilePlan]
    looks: tuple[str, ...]
    """The charts' looks the profiles need: colour for the screen's, grey for the handout."""

    def chart_styles(self) -> dict[str, ChartStyle]:
        """The style of each look, in the brand's colours."""
        return chart_styles(self.looks, self.brand)


def read_stage(source: Path, output: Path, config: Config) -> Reading:
    """Read the briefing at `source`, choose its brand and plan its profiles."""
    briefing = read_briefing(source, config.defaults, document_door(source, config), config.edition)
    brand = choose_brand(briefing, config)
    if brand.path:  # the fetcher may serve the brand's logo and fonts
        config = replace(config, brand_files=brand.files)
    metadata = briefing.metadata
    plans = plan_profiles(config, output, metadata.profiles, metadata.paper)
    looks = tuple(dict.fromkeys("grey" if p.profile.black_and_white else "colour" for p in plans))
    return Reading(briefing, brand, config, plans, looks)
