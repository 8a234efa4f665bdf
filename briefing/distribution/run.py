"""From a build's jobs to their copies: the recipients checked first, the copies made after the
build."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.distribution.copies import distribute
from briefing.distribution.editions import check_rows, edition_jobs
from briefing.distribution.recipients import Distribution, Shard, read_recipients
from briefing.distribution.stamp import check_recipient_glyphs
from briefing.errors import BriefingError
from briefing.runner.job import Job, error_lines


def prepare_distribution(
    recipients: Path,
    shard: Shard,
    options: tuple[bool, bool, bool],
    jobs: list[Job],
) -> tuple[Distribution, list[Job]]:
    """The distribution to the `recipients` file, every row read and checked (names for
    glyphs, editions, passwords) before anything is built; and the jobs to build, one per
    edition the recipients are given. `options`: print job, force, encrypt."""
    print_job, force, encrypt = options
    read = read_recipients(recipients)
    check_recipient_glyphs(read, jobs[0].config.cache_dir if jobs else None)
    check_rows(read, jobs, encrypt)
    return Distribution(read, shard, print_job, force, encrypt), edition_jobs(jobs, read)


def distribute_all(jobs: list[Job], distribution: Distribution) -> int:
    """Make each job's copies, printing a line per result or error; how many jobs failed."""
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
