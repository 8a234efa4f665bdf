"""The build driver: read everything and start drawing the charts (`reading`), then load the
later stages and produce each profile (`production`); `build` runs the two, and is the Python
API the README shows (`from briefing.pipeline import build`).

May import: editions and everything below them."""

from briefing.pipeline.driver import build

__all__ = ["build"]
