"""Time a warm rebuild's stages as the watcher makes them: `warm_probe.py PROJECT SOURCE OUTPUT N`.

One build, then N one-paragraph edits (`briefs.append_sentence`), each rebuilt in the same
process with the watcher's garbage-collector settings (`briefing.watch.rebuild`): what a save
under `--watch` costs, stage by stage, without the file watching around it. Prints JSON on
stdout: a list of N {stage: seconds}.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import replace
from pathlib import Path


def main(argv: list[str]) -> int:
    """Build, then edit and rebuild N times, reporting each rebuild's stages."""
    project, source, output = (Path(argument) for argument in argv[:3])
    edits = int(argv[3])
    sys.path[0] = str(project)
    sys.path.insert(1, str(Path(__file__).parent.parent))  # benchmarks/, for bench.briefs
    from bench.briefs import append_sentence
    from bench.stage_probe import probe_job, recorder
    from briefing.pipeline import build

    job = probe_job(source, output)
    gc.set_threshold(20_000, 50, 100)  # as `briefing.cli` sets them
    build(job.source, job.output, job.config)
    gc.freeze()  # as the watcher does after its first build
    laps: list[dict[str, float]] = []
    for _ in range(edits):
        append_sentence(source)
        laps.append({})
        build(job.source, job.output, replace(job.config, stage_timer=recorder(laps[-1])))
        gc.collect()  # as `watch.rebuild` does after each build
    print(json.dumps(laps), flush=True)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
