"""The exceptions a build reports to the user: one rooted family."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class BriefingError(Exception):
    """A problem the user can fix; reported as one line, never as a traceback."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(BriefingError):
    """Bad options or project settings."""


class ContentError(BriefingError):
    """Bad content: front matter, Markdown, a data file or a resource it names."""


class BuildError(BriefingError):
    """Rendering or writing the PDF failed."""


def display_path(path: Path) -> str:
    """Show `path` relative to the working directory when it lies below it, with control
    characters (a newline in a file name) escaped so that it stays on one line."""
    absolute = Path(os.path.abspath(path))  # a link is shown where it is, not where it leads
    working = Path.cwd()
    if absolute.is_relative_to(working):
        shown = str(absolute.relative_to(working))
    else:
        try:
            shown = str(path.resolve().relative_to(working.resolve()))
        except ValueError:
            shown = str(path)
    return "".join(
        character if character.isprintable() else repr(character)[1:-1] for character in shown
    )


@dataclass(frozen=True, order=True)
class ContentWarning:
    """A problem that does not stop the build: kept as data, printed once, stored in the cache.

    `--strict` turns the warnings of a build into one failure at its end.
    """

    path: Path | None
    line: int | None
    message: str

    def __str__(self) -> str:
        return str(BriefingError(f"warning: {self.message}", self.path, self.line))


class BuildProblems(BriefingError):
    """Several problems found in one build, each reported on its own line."""

    def __init__(self, problems: list[BriefingError]) -> None:
        super().__init__(problems[0].message, problems[0].path, problems[0].line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
