"""The old edition: a PDF built by briefing (the sources it carries), the old Markdown, or
`git:REF`; read and rendered to its body HTML, never laid out, never run."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from briefing.config import Config
from briefing.editions.embedded import read_embedded_sources, write_sources
from briefing.editions.git_source import checkout_brief
from briefing.errors import BriefingError, BuildProblems, ContentError
from briefing.read.document import Briefing, read_briefing
from briefing.render.body import render_body


@dataclass(frozen=True)
class OldEdition:
    """The edition compared with: its briefing, its body as HTML, its date as written."""

    briefing: Briefing
    body: str
    date: str


def load_old_edition(old: str, new_source: Path, config: Config, workspace: Path) -> OldEdition:
    """Read the edition `old` names (a PDF, a Markdown file or `git:REF`) for the brief at
    `new_source`; files it carries are written under `workspace` and read from there.

    Raises:
        BriefingError: the old edition cannot be found or read.
    """
    if old.startswith("git:"):
        source = checkout_brief(old[4:], new_source, workspace)
        origin = old
    elif _is_pdf(Path(old)):
        sources = read_embedded_sources(Path(old))
        if not sources.brief:
            raise ContentError("its sources name no brief among them", Path(old))
        write_sources(sources, workspace)
        source, origin = workspace / sources.brief, old
    else:
        source, origin = Path(old), old
    # The old edition is only read and rendered: raw HTML is always sanitised, whoever wrote it.
    safe = replace(config, trust_html=False, strict=False, final=False)
    try:
        briefing = read_briefing(source, safe.defaults)
        body = render_body(briefing, safe)
    except BriefingError as error:
        problems = error.problems if isinstance(error, BuildProblems) else [error]
        first = problems[0]
        raise ContentError(
            f"the old edition ({origin}): {first.message}", first.path, first.line
        ) from None
    date = briefing.labels.date or origin
    return OldEdition(briefing, str(body.html), date)


def _is_pdf(path: Path) -> bool:
    """Whether `path` is a PDF, by its first bytes (or its name, when it cannot be read)."""
    try:
        with path.open("rb") as stream:
            return stream.read(5) == b"%PDF-"
    except OSError:
        return path.suffix.lower() == ".pdf"
