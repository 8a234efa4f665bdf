"""`build`: one briefing, every profile it asks for, written all together or not at all."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import Config
from briefing.pipeline.reading import Reading, read_stage
from briefing.processes import ForkedTask, fork_task
from briefing.render.charts.background import BackgroundCharts, start_background_charts
from briefing.timing import StageClock

if TYPE_CHECKING:
    from briefing.pipeline.rendering import Rendered
    from briefing.pipeline.results import BuildResult


def build(source: Path, output: Path, config: Config) -> list[BuildResult]:
    """Build the briefing at `source` in each profile; `output` is the brief profile's path.

    It reads first. A cold build then forks children that draw the charts and render the
    HTML (`processes.fork_task`) while it imports WeasyPrint and the layout and PDF stages,
    whose imports take ~0.3 s; it lays out what they hand over."""
    started = time.perf_counter()
    clock = StageClock(config.stage_timer)
    reading = read_stage(source, output, config)
    with start_background_charts(reading.briefing.figures, reading.chart_styles()) as charts:
        clock.lap("read")
        rendering = _start_rendering(reading, charts)
        try:
            # Deferred: WeasyPrint and the stages that use it load while the children work.
            from briefing.pipeline.production import produce

            return produce(reading, charts, rendering, output, clock, started)
        finally:
            if rendering is not None:
                rendering.close()


def _start_rendering(reading: Reading, charts: BackgroundCharts) -> ForkedTask[Rendered] | None:
    """The render stage started in a child, for a cold build that compares no editions; None
    if not started. A process that has rendered before renders as fast in place; and while a
    child draws charts, this process would wait for them at layout anyway: rendering here
    fills that wait and leaves the other core to the charts."""
    config = reading.config
    if config.changes_since or charts.forked or "briefing.pipeline.rendering" in sys.modules:
        return None
    return fork_task(lambda: _rendered(reading, charts))


def _rendered(reading: Reading, charts: BackgroundCharts) -> Rendered:
    """In the child: the render stage, its modules loaded there."""
    from briefing.pipeline.rendering import render_stage  # deferred: loaded in the child only

    return render_stage(reading, charts)
