"""From the command line to the copies: check the recipients first, distribute after the build."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from briefing.distribution.recipients import Recipients, Shard, read_recipients
from briefing.errors import BriefingError, ConfigError
from briefing.runner.batch import Job, error_lines


@dataclass(frozen=True)
class Distribution:
    """What `--recipients`, `--shard` and `--print-job` ask for."""

    recipients: Recipients
    shard: Shard = field(default_factory=Shard)
    print_job: bool = False
    force: bool = False
    """Make every copy again, even those the cache says are current."""


def distribution_of(args: argparse.Namespace, jobs: list[Job]) -> Distribution | None:
    """The distribution `args` asks for, its recipients read and checked; None for none."""
    if args.recipients is None:
        if args.print_job or args.shard:
            raise ConfigError("--print-job and --shard need --recipients FILE")
        return None
    if args.watch:
        raise ConfigError("--recipients cannot be combined with --watch: build, then distribute")
    from briefing.distribution.stamp import (
        check_recipient_glyphs,  # deferred: it loads the glyph preflight
    )

    recipients = read_recipients(args.recipients)
    check_recipient_glyphs(recipients, jobs[0].config.cache_dir if jobs else None)
    return Distribution(recipients, args.shard or Shard(), args.print_job, args.force)


def distribute_all(jobs: list[Job], distribution: Distribution) -> int:
    """Make each job's copies, printing a line per result or error; how many jobs failed."""
    from briefing.distribution.copies import distribute  # deferred: it loads the renderer and pypdf

    failures = 0
    for job in jobs:
        try:
            lines = distribute(job, distribution)
        except BriefingError as error:
            print(error_lines(error), file=sys.stderr, flush=True)
            failures += 1
            continue
        print("\n".join(lines), flush=True)
    return failures
