"""One profile's copies as they are made: stamps laid out a batch at a time, each copy stamped
onto its edition's PDF, then encrypted for its recipient and signed, and its email draft."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from briefing.config import Seal, creation_time
from briefing.distribution.incremental import Update
from briefing.distribution.messages import make_copy_draft
from briefing.distribution.recipients import Recipient
from briefing.distribution.stamp import copy_metadata, geometry_of, make_stamps
from briefing.pdf.sealing import seal_pdf
from briefing.profiles import Profile
from briefing.read.document import Briefing
from briefing.read.files import project_door
from briefing.render.templates import make_environment
from briefing.runner.job import Job


class Stamper:
    """Stamps laid out a batch at a time, and the files of one copy.

    `originals` holds each edition's PDF of the profile (None: the brief as built), unsigned;
    the stamps are the same for every edition, as editions share the paper."""

    def __init__(
        self,
        job: Job,
        originals: dict[str | None, bytes],
        briefings: dict[str | None, Briefing],
        total: int,
        encrypt: bool,
    ) -> None:
        self.originals, self.briefings, self.total = originals, briefings, total
        self.seal: Seal = job.config.seal
        self.encrypt = encrypt
        config = job.config
        self.environment = make_environment(
            config.template_dirs, config.cache_dir, project_door(config)
        )
        self.created = creation_time(config)
        self.geometry: Any = None
        self.updates: dict[str | None, Update] = {}
        self.numbers: dict[str | None, dict[int, int]] = {}
        """Per edition, the stamp PDF's object numbers in its copies; a new stamp PDF starts
        them afresh."""

    def stamps(self, people: list[Recipient]) -> list[Any]:
        """The stamp pages of `people`, from one layout."""
        from pypdf import PdfReader  # deferred: only distributions read PDFs

        if not people:
            return []
        self.geometry = self.geometry or geometry_of(next(iter(self.originals.values())))
        stamps = make_stamps(people, self.total, self.geometry, self.environment)
        self.numbers = {}
        return list(PdfReader(io.BytesIO(stamps)).pages)

    def copy_files(
        self, profile: Profile, person: Recipient, edition: str | None, stamp_page: Any, path: Path
    ) -> list[tuple[Path, bytes]]:
        """The stamped copy of `edition`, encrypted and signed as asked, and with the email
        profile its draft if the recipient has an address."""
        if edition not in self.updates:
            self.updates[edition] = Update(self.originals[edition])
        numbers = self.numbers.setdefault(edition, {})
        metadata = copy_metadata(person, self.total)
        data = self.updates[edition].stamped(stamp_page, numbers, metadata)
        if self.seal.signs or self.encrypt:
            data = seal_pdf(data, self.seal, person.password if self.encrypt else "")
        files = [(path, data)]
        if profile.writes_eml and person.email:
            briefing = self.briefings[edition]
            draft = make_copy_draft(briefing, data, person, self.environment, self.created)
            files.append((path.with_suffix(".eml"), draft))
        return files
