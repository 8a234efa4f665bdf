"""Editions in a distribution: the `edition` column says which edition each copy is made from;
each edition is built once, as a job of its own, and every copy of it is stamped from that
build. Checked before anything is built, with the `password` column that `--encrypt` needs."""

from __future__ import annotations

from dataclasses import replace

from briefing.distribution.recipients import Recipients
from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.read.document import read_briefing
from briefing.runner.job import Job


def edition_job(job: Job, edition: str | None) -> Job:
    """The job that builds `edition` of `job`'s brief beside it (`brief-NAME.pdf`); `job`
    itself for its own edition."""
    if edition is None or edition == job.config.edition:
        return job
    output = job.output.with_name(f"{plain_stem(job)}-{edition}{job.output.suffix or '.pdf'}")
    return replace(job, output=output, config=replace(job.config, edition=edition))


def plain_stem(job: Job) -> str:
    """The name of `job`'s output without its edition: what copies are named after."""
    edition = job.config.edition
    return job.output.stem.removesuffix(f"-{edition}") if edition else job.output.stem


def edition_of(job: Job, edition: str) -> str | None:
    """The edition a recipient's copy comes from: their own, else the one `job` builds."""
    return edition or job.config.edition


def edition_jobs(jobs: list[Job], recipients: Recipients) -> list[Job]:
    """The jobs to build for `jobs`' copies: one per edition their recipients are given (the
    brief as built only if someone is given it, so no copy's edition is built needlessly)."""
    every: list[Job] = []
    for job in jobs:
        editions = dict.fromkeys(edition_of(job, p.edition) for p in recipients.people)
        for made in (edition_job(job, edition) for edition in editions):
            if made not in every:
                every.append(made)
    return every


def check_rows(recipients: Recipients, jobs: list[Job], encrypt: bool) -> None:
    """Refuse rows whose copy could not be made as asked: no password to encrypt it with, an
    edition the brief does not have, or no edition where the others name one (that copy would
    hold every edition's sections).

    Raises:
        BriefingError: one `FILE:line` problem per bad row.
    """
    problems: list[BriefingError] = []
    path = recipients.path
    for person in recipients.people:
        if encrypt and not person.password:
            message = "no password: with --encrypt each recipient needs one in a 'password' column"
            problems.append(ContentError(message, path, person.line))
    if any(person.edition for person in recipients.people):
        for job in jobs:
            editions = read_briefing(job.source, job.config.defaults).editions
            for person in recipients.people:
                edition = edition_of(job, person.edition)
                if edition is None:
                    message = (
                        "no edition: the other rows name one; name this one's "
                        "(or give --edition for the rows without)"
                    )
                    problems.append(ContentError(message, path, person.line))
                elif edition not in editions:
                    known = ", ".join(editions) or "none"
                    message = f"unknown edition {edition!r}: {job.source.name} has {known}"
                    problems.append(ContentError(message, path, person.line))
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
