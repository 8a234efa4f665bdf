"""The render stage run in a forked child while the build loads WeasyPrint: it hands over the
same HTML as rendering in place. In a fresh interpreter: this test process has rendered before,
and a process that has renders in place."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.processes import usable_cores
from tests.conftest import NATO_SOURCE, PROJECT_ROOT

PROBE = """
import json, sys
from pathlib import Path
from briefing.config import Config
from briefing.pipeline import driver
from briefing.pipeline.reading import read_stage
from briefing.render.charts.background import start_background_charts

source = Path(sys.argv[1])
reading = read_stage(source, Path(sys.argv[2]), Config())
charts = start_background_charts(reading.briefing.figures, reading.chart_styles())
task = driver._start_rendering(reading, charts)
report = {"forked": task is not None}
loaded = "briefing.pipeline.rendering" in sys.modules or "markdown" in sys.modules
child = task.result() if task else None
report["loaded_before"] = loaded
report["handed_over"] = child is not None
from briefing.pipeline.rendering import render_stage
here = render_stage(reading, charts)
report["same_html"] = child is not None and child.htmls == here.htmls
report["same_body"] = child is not None and child.body == here.body
report["profiles"] = len(here.htmls)
print(json.dumps(report))
"""


@pytest.mark.skipif(usable_cores() < 2, reason="a child is forked only with 2 cores")
def test_the_child_renders_what_this_process_would(tmp_path: object) -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, NATO_SOURCE, f"{tmp_path}/nato.pdf"],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
    )  # fmt: skip
    report = json.loads(run.stdout.splitlines()[-1])
    assert report == {
        "forked": True,
        "loaded_before": False,  # Markdown is loaded in the child, not here
        "handed_over": True,
        "same_html": True,
        "same_body": True,
        "profiles": report["profiles"],
    }
    assert report["profiles"] >= 1
