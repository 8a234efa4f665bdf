"""Making the copies of one built brief: stamp each in batches, write them, keep the register.

Copies are streamed: a batch of `BATCH` stamps is laid out at once, its copies are stamped,
written and forgotten before the next batch, so memory stays flat in the number of recipients.
A copy whose recipient, number and original PDF are unchanged since it was made is kept as it
is, with its date: re-running makes nothing, and adding a recipient makes one copy.
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.cache import environment_key, file_digest
from briefing.config import creation_time
from briefing.distribution.editions import edition_job, edition_of, plain_stem
from briefing.distribution.printjob import PrintJob
from briefing.distribution.recipients import Distribution, Recipient, Shard
from briefing.distribution.register import Entry, write_register
from briefing.distribution.stamper import Stamper
from briefing.errors import BriefingError, display_path
from briefing.output import output_for, write_atomically, write_outputs
from briefing.pdf.sealing import sign_pdf, unsigned_original
from briefing.plan import plan_profiles
from briefing.profiles import Profile
from briefing.read.document import Briefing, read_briefing
from briefing.read.files import document_door
from briefing.runner.job import Job
from briefing.runner.stopping import raise_if_stopped

BATCH = 25
"""Stamps laid out together: one layout of 25 small pages costs about one copy's stamping."""


@dataclass
class _Run:
    """One job's distribution while it runs: what it needs and what it found."""

    job: Job
    distribution: Distribution
    briefings: dict[str | None, Briefing]
    """The brief as each edition its recipients are given reads it (None: as built)."""
    folder: Path
    manifest: dict[str, dict[str, str]]
    entries: list[Entry]
    made: int = 0


def distribute(job: Job, distribution: Distribution) -> list[str]:
    """Make the copies of `job`'s built PDFs (and its editions') for this shard's recipients;
    the lines to print."""
    started = time.perf_counter()
    editions = dict.fromkeys(edition_of(job, p.edition) for p in distribution.recipients.people)
    briefings = {
        edition: read_briefing(
            job.source, job.config.defaults, document_door(job.source, job.config), edition
        )
        for edition in editions
    }
    metadata = next(iter(briefings.values())).metadata
    plans = plan_profiles(job.config, job.output, metadata.profiles, metadata.paper)
    folder = job.output.parent / plain_stem(job) / "copies"
    run = _Run(job, distribution, briefings, folder, _load_manifest(job, distribution), [])
    lines = []
    for plan in plans:
        print_job = _copies_of_profile(run, plan.profile)
        if print_job:
            lines.append(f"{display_path(print_job)}  print job")
    register = folder / f"{plain_stem(job)}-register{_shard_suffix(distribution.shard)}.csv"
    write_register(register, run.entries)
    people = sum(1 for p in distribution.recipients.people if distribution.shard.holds(p.copy))
    seconds = time.perf_counter() - started
    lines.insert(
        0,
        f"{display_path(folder)}  {people} copies x {len(plans)} profiles  "
        f"{run.made} made  {seconds:.2f} s",
    )
    lines.append(f"{display_path(register)}  register")
    return lines


def _originals(run: _Run, profile: Profile) -> dict[str | None, bytes]:
    """Each edition's PDF of `profile` as built, before it was signed: copies are stamped on
    it and signed again."""
    originals = {}
    for edition in run.briefings:
        built = edition_job(run.job, edition)
        data = output_for(built.output, profile.suffix).read_bytes()
        originals[edition] = unsigned_original(data) if built.config.seal.signs else data
    return originals


def _copies_of_profile(run: _Run, profile: Profile) -> Path | None:
    """Stamp and write this profile's copies batch by batch; the print job's path if made."""
    job, distribution = run.job, run.distribution
    originals = _originals(run, profile)
    bases = {edition: hashlib.sha256(data).hexdigest() for edition, data in originals.items()}
    environment_digest = environment_key(job.config)
    people = [p for p in distribution.recipients.people if distribution.shard.holds(p.copy)]
    keys = {
        p.copy: _key(environment_digest, bases[edition_of(job, p.edition)], profile.name, p)
        for p in people
    }
    suffix = _shard_suffix(distribution.shard)
    print_path = run.folder / f"{plain_stem(job)}{profile.suffix}-print-job{suffix}.pdf"
    print_key = hashlib.sha256("\0".join(keys.values()).encode()).hexdigest()
    wants_print_job = distribution.print_job and profile.name == "handout"
    print_job = None
    if wants_print_job and (distribution.force or not _is_current(run, print_path, print_key)):
        print_job = PrintJob(originals)
    total = distribution.recipients.total
    stamper = Stamper(job, originals, run.briefings, total, distribution.encrypt)
    for batch in _batches(people):
        stale = [p for p in batch if _is_stale(run, profile, p, keys)]
        needed = batch if print_job else stale
        stale_copies = {p.copy for p in stale}
        made: list[tuple[Path, bytes, str]] = []
        for person, stamp_page in zip(needed, stamper.stamps(needed), strict=True):
            edition = edition_of(job, person.edition)
            if print_job:
                print_job.add(stamp_page, edition)
            if person.copy in stale_copies:
                path = _copy_path(run, profile, person)
                for file, data in stamper.copy_files(profile, person, edition, stamp_page, path):
                    made.append((file, data, keys[person.copy]))
        write_outputs([(path, data) for path, data, _ in made])
        run.made += len(stale)
        _remember(run, made)
        for person in batch:
            run.entries.append(_entry(run, _copy_path(run, profile, person), person))
        _store_manifest(run)
        gc.collect()  # a batch leaves cycles (layout boxes, PDF objects): free them, stay flat
        raise_if_stopped()
    if not print_job:
        return print_path if wants_print_job else None
    data = print_job.finish()
    if job.config.seal.signs:  # for a print shop: signed, never encrypted
        data = sign_pdf(data, job.config.seal)
    write_atomically(print_path, data)
    _remember(run, [(print_path, data, print_key)])
    _store_manifest(run)
    return print_path


def _batches(people: list[Recipient]) -> Iterator[list[Recipient]]:
    for start in range(0, len(people), BATCH):
        yield people[start : start + BATCH]


def _key(environment: str, base: str, profile: str, person: Recipient) -> str:
    """What a copy depends on: the tool and options, the original PDF, its recipient.

    The total N is left out on purpose: a copy once made stays as issued (its register entry
    and hash stay true), so adding a recipient makes one new copy, "Copy 41 of 41"."""
    fields = [environment, base, profile, str(person.copy), person.name]
    fields += [person.organisation, person.email]
    return hashlib.sha256("\0".join(fields).encode()).hexdigest()


def _copy_path(run: _Run, profile: Profile, person: Recipient) -> Path:
    """`<stem><profile suffix>-copy-012.pdf`: three digits at least, more for large runs."""
    width = max(3, len(str(run.distribution.recipients.total)))
    return run.folder / f"{plain_stem(run.job)}{profile.suffix}-copy-{person.copy:0{width}d}.pdf"


def _shard_suffix(shard: Shard) -> str:
    return "" if shard.count == 1 else f"-shard-{shard.index}-of-{shard.count}"


def _is_current(run: _Run, path: Path, key: str) -> bool:
    entry = run.manifest.get(path.name)
    return bool(entry and entry["key"] == key and file_digest(path) == entry["sha256"])


def _is_stale(run: _Run, profile: Profile, person: Recipient, keys: dict[int, str]) -> bool:
    """Whether the copy must be made: asked to, or an encrypted copy (its password is known to
    no cache), or not on disk (with its draft, if it has one) as made for `person`."""
    distribution = run.distribution
    if distribution.force or distribution.encrypt:
        return True
    path = _copy_path(run, profile, person)
    wanted = [path] + ([path.with_suffix(".eml")] if profile.writes_eml and person.email else [])
    return not all(_is_current(run, file, keys[person.copy]) for file in wanted)


def _entry(run: _Run, path: Path, person: Recipient) -> Entry:
    made = run.manifest[path.name]
    seal = run.job.config.seal
    edition = edition_of(run.job, person.edition) or ""
    return Entry(
        person.copy, person.name, person.organisation, person.email,
        path.name, made["sha256"], made["date"], edition, seal.signer,
        _yes(seal.signs), _yes(run.distribution.encrypt),
    )  # fmt: skip


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _remember(run: _Run, made: list[tuple[Path, bytes, str]]) -> None:
    today = creation_time(run.job.config).date().isoformat()
    for path, data, key in made:
        run.manifest[path.name] = {
            "key": key, "sha256": hashlib.sha256(data).hexdigest(), "date": today,
        }  # fmt: skip


def _manifest_path(job: Job, distribution: Distribution) -> Path:
    shard = distribution.shard
    identity = f"{job.source.resolve()}\0{job.output.resolve()}\0{shard.index}/{shard.count}"
    return (
        job.config.cache_dir / f"copies-{hashlib.sha256(identity.encode()).hexdigest()[:32]}.json"
    )


def _load_manifest(job: Job, distribution: Distribution) -> dict[str, dict[str, str]]:
    """The copies made before, by file name (empty when there is no readable manifest)."""
    try:
        data = json.loads(_manifest_path(job, distribution).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    fields = ("key", "sha256", "date")
    return {
        name: {field: entry[field] for field in fields}
        for name, entry in data.items()
        if isinstance(entry, dict) and all(isinstance(entry.get(field), str) for field in fields)
    }


def _store_manifest(run: _Run) -> None:
    """Keep what was made, so a later run (after a stop, too) makes only what is missing."""
    path = _manifest_path(run.job, run.distribution)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(run.manifest, indent=0, sort_keys=True).encode())
    except (OSError, BriefingError):
        pass  # a cache that cannot be written only costs a rebuild
