"""Time the stages of a real build in a fresh process: `stage_probe.py PROJECT SOURCE OUTPUT`.

The build is the one `build.py SOURCE -o OUTPUT --force` makes (same parser, project, config,
fetcher, preflight and writer), with a stage timer set on its config: `build()` reports each
stage to it. Prints JSON on stdout: the seconds of each step, in the order they ran.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    """Import, set up and build as the command line does, timing each step."""
    project, source, output = (Path(argument) for argument in argv)
    sys.path[0] = str(project)  # the snapshot's briefing, not this folder's modules
    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[name] = steps.get(name, 0.0) + now - clock
        clock = now

    import briefing.cli.main  # what build.py imports
    import briefing.pipeline.driver  # what a build then imports
    import briefing.pipeline.production

    lap("import briefing")
    from briefing.layout.weasyprint_adapter import load_weasyprint

    load_weasyprint()
    lap("import WeasyPrint")
    job = probe_job(source, output)
    lap("command line and config")
    briefing.pipeline.driver.build(
        job.source, job.output, replace(job.config, stage_timer=recorder(steps))
    )
    print(json.dumps(steps), flush=True)
    # End as build.py does: the outputs are written and closed, the rest is shutdown.
    os._exit(0)


def probe_job(source: Path, output: Path) -> Any:
    """The job `build.py SOURCE -o OUTPUT --force` makes: its request, project and config."""
    from briefing.project import find_project
    from briefing.runner.requests import BuildRequest, make_jobs

    [job] = make_jobs(BuildRequest((source,), output), find_project(Path.cwd()))
    return job


def recorder(stages: dict[str, float]) -> Callable[[str, float], None]:
    """A stage timer that adds each stage's seconds into `stages`."""

    def record(stage: str, seconds: float) -> None:
        stages[stage] = stages.get(stage, 0.0) + seconds

    return record


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
