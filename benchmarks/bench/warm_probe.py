"""Time a warm rebuild's stages as the watcher makes them: `warm_probe.py PROJECT SOURCE OUTPUT N`.

One build, then N one-paragraph edits (`briefs.append_sentence`), each rebuilt in the same
process with the watcher's garbage-collector settings (`briefing.runner.watch.rebuild`): what a save
under `--watch` costs, stage by stage, without the file watching around it. Inside the layout
stage, the time WeasyPrint spends parsing the HTML, computing styles and building boxes (which
even reusing every laid-out page would still need) is timed too, as `boxes`. Prints JSON on
stdout: a list of N {stage: seconds}, `boxes` included.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    """Build, then edit and rebuild N times, reporting each rebuild's stages."""
    project, source, output = (Path(argument) for argument in argv[:3])
    edits = int(argv[3])
    sys.path[0] = str(project)
    sys.path.insert(1, str(Path(__file__).parent.parent))  # benchmarks/, for bench.briefs
    from bench.briefs import append_sentence
    from bench.stage_probe import probe_job, recorder
    from briefing.pipeline.driver import build
    from briefing.runner.job import collection_paused

    job = probe_job(source, output)
    build(job.source, job.output, job.config)
    gc.freeze()  # as the watcher does after its first build
    laps: list[dict[str, float]] = []
    _time_box_building(laps)
    for _ in range(edits):
        append_sentence(source)
        laps.append({})
        with collection_paused():  # as `watch.rebuild` runs a build, then collects
            build(job.source, job.output, replace(job.config, stage_timer=recorder(laps[-1])))
        gc.collect()
    print(json.dumps(laps), flush=True)
    os._exit(0)


def _time_box_building(laps: list[dict[str, float]]) -> None:
    """Add the seconds of WeasyPrint's HTML parsing, style computing and box building to
    the current lap's `boxes`."""
    import weasyprint
    import weasyprint.document

    def timed(function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*arguments: Any, **options: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*arguments, **options)
            finally:
                if laps:
                    seconds = time.perf_counter() - started
                    laps[-1]["boxes"] = laps[-1].get("boxes", 0.0) + seconds

        return run

    weasyprint.HTML.__init__ = timed(weasyprint.HTML.__init__)
    for name in ("get_all_computed_styles", "build_formatting_structure"):
        setattr(weasyprint.document, name, timed(getattr(weasyprint.document, name)))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
