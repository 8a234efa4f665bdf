"""What a build hands back, and the checks made on it before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Config
from briefing.errors import (
    BriefingError,
    BuildError,
    BuildProblems,
    ContentError,
    ContentWarning,
    display_path,
)
from briefing.pdf.document import PdfResult
from briefing.read.document import Briefing
from briefing.read.files import line_of
from briefing.read.verification import describe_claims


@dataclass(frozen=True)
class BuildResult:
    """One finished output: the PDF written, any email draft, the seconds taken."""

    pdf: PdfResult
    seconds: float
    eml: Path | None = None
    inputs: dict[Path, str] = field(default_factory=dict)
    """Every local file the build read (source, data, attachments, images), with the SHA-256
    of the bytes it read."""
    title: str = ""
    claims: tuple[str, ...] = ()
    """Each claim still marked unverified, as `Claim.listed` shows it."""
    warnings: tuple[ContentWarning, ...] = ()
    """The build's warnings, in source order; the same on every profile of one build."""


def in_source_order(warnings: list[ContentWarning]) -> tuple[ContentWarning, ...]:
    """Each warning once, by file and line (warnings without a line come first)."""
    return tuple(
        sorted(
            dict.fromkeys(warnings),
            key=lambda warning: (str(warning.path or ""), warning.line or 0, warning.message),
        )
    )


def refuse_in_strict_modes(
    briefing: Briefing, warnings: tuple[ContentWarning, ...], config: Config
) -> None:
    """`--strict` fails on any warning; `--final` also on any claim still to verify."""
    problems: list[BriefingError] = []
    if config.final and briefing.claims:
        message = describe_claims(briefing.path, briefing.claims)
        problems.append(ContentError(message, briefing.path, briefing.claims[0].line))
    if config.final and briefing.metadata.status == "draft":
        message = "'status' is draft: --final refuses a draft; set status: final when it is"
        problems.append(ContentError(message, briefing.path, line_of(briefing.path, "status:")))
    if config.strict or config.final:
        flag = "--strict" if config.strict else "--final"
        problems += [
            ContentError(f"{warning.message} ({flag})", warning.path, warning.line)
            for warning in warnings
        ]
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)


def refuse_overwriting_inputs(
    briefing: Briefing, results: list[BuildResult], outputs: list[Path]
) -> None:
    """An output path that is one of the build's inputs would destroy it: refuse."""
    inputs = {path.resolve() for result in results for path in result.inputs}
    inputs |= {path.resolve() for path in briefing.inputs}
    for output in outputs:
        if output.resolve() in inputs:
            raise BuildError(
                f"output {display_path(output)} is one of the build's inputs: refusing to "
                "overwrite it; choose another -o path",
                briefing.path,
            )
