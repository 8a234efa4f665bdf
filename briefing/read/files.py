"""Reading the files a brief is made of, through one door: every file a build reads lies
inside the readable root (the enclosing project, else the document's folder) or an allowed
folder, after links are followed, and is not hidden; UTF-8 text within a size cap."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.config import Config
from briefing.errors import ContentError

MAX_SOURCE_BYTES = 2_000_000
"""A Markdown or data file larger than this is refused."""


def read_text(path: Path, door: Door, digests: dict[Path, str] | None = None) -> str:
    """Read `path` through `door` as UTF-8 text (BOM and CRLF accepted), refusing huge or binary
    files; the SHA-256 of the bytes read goes into `digests`, so the cache judges what was
    really read."""
    door.check(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ContentError("is a folder, not a file", path)
        if not stat.S_ISREG(status.st_mode):  # a device or pipe could block or never end
            raise ContentError("is not a regular file", path)
        if status.st_size > MAX_SOURCE_BYTES:
            raise ContentError(
                f"file is {status.st_size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}", path
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise ContentError(f"file is over the limit of {MAX_SOURCE_BYTES:,} bytes", path)
        if digests is not None:
            digests[path.resolve()] = hashlib.sha256(data).hexdigest()
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except OSError as error:
        raise ContentError(f"cannot read: {error.strerror}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            f"not valid UTF-8 at byte {error.start}: save the file as UTF-8", path, line
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError("contains a NUL byte: is this a binary file?", path, line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_of(source: Path, needle: str) -> int | None:
    """The first line of `source` that mentions `needle` (or the last part of a URL)."""
    try:
        lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    candidates = [needle, needle.rstrip("/").rsplit("/", 1)[-1]]
    for candidate in filter(None, candidates):
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number
    return None


PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The tool's own files (theme, label catalogues, CSL styles): always readable."""

PROJECT_MARKERS = ("briefing.toml", "_quarto.yml", ".git")
"""A folder holding one of these (or a `pyproject.toml` with `[tool.briefing]`) is a project."""


@dataclass(frozen=True)
class Door:
    """The one check every file a build reads passes: its resolved path lies inside `root` or
    one of `folders` with no name below that folder starting with a dot, or is one of `files`."""

    root: Path
    """The readable root (resolved): the enclosing project, or the document's own folder."""
    marked: bool = False
    """Whether `root` is a marked project rather than the document's own folder."""
    folders: tuple[Path, ...] = ()
    """Other folders (resolved) whose files may be read: asset folders, templates, styles."""
    files: frozenset[Path] = frozenset()
    """Files (resolved) that may be read wherever they are: the user named them."""

    def refusal(self, path: Path) -> str | None:
        """Why `path` may not be read, or None when it may."""
        lexical = Path(os.path.abspath(path))
        resolved = lexical.resolve()
        if resolved in self.files:
            return None
        for folder in (self.root, *self.folders, PACKAGE_DIR):
            if resolved.is_relative_to(folder):
                hidden = _hidden_name(resolved, folder) or _hidden_name(lexical, folder)
                if hidden:
                    return (
                        f"hidden ('{hidden}' starts with a dot): "
                        "a briefing never reads hidden files or folders"
                    )
                return None
        where = f"the project {self.root}" if self.marked else f"the briefing's folder {self.root}"
        extra = " and the declared asset, template and style folders" if self.folders else ""
        reason = f"outside the folders a briefing may read ({where}{extra})"
        return f"{reason}: it links to {resolved}" if resolved != lexical else reason

    def check(
        self, path: Path, subject: str = "", where: Path | None = None, line: int | None = None
    ) -> Path:
        """`path` resolved, if it may be read.

        Raises:
            ContentError: at `where` (and `line`), or at `path` itself, naming `subject`.
        """
        reason = self.refusal(path)
        if reason is not None:
            text = f"{subject} refused: {reason}" if subject else f"refused: {reason}"
            raise ContentError(text, where or path, line if where else None)
        return path.resolve()

    def widened(self, folders: Iterable[Path] = (), files: Iterable[Path] = ()) -> Door:
        """This door, letting `folders` and `files` through too."""
        return replace(
            self,
            folders=tuple(dict.fromkeys([*self.folders, *(item.resolve() for item in folders)])),
            files=self.files | {item.resolve() for item in files},
        )


def readable_root(document: Path) -> tuple[Path, bool]:
    """The folder whose files a build of `document` may read: the nearest enclosing folder
    marked as a project, else the document's own folder; and whether it was marked."""
    folder = Path(os.path.abspath(document)).parent  # where the file is, not where a link leads
    for candidate in (folder, *folder.parents):
        if _marks_project(candidate):
            return candidate.resolve(), True
    return folder.resolve(), False


def document_door(document: Path, config: Config | None = None) -> Door:
    """The door for `document`'s files: its readable root and the asset folders of `config`.
    A document outside any project (and outside `config`'s project) was named by the user,
    so it may be read itself."""
    root, marked = readable_root(document)
    door = Door(root, marked).widened(config.asset_dirs if config else ())
    lexical = Path(os.path.abspath(document))
    project = config.project_root if config else None
    inside = project is not None and lexical.is_relative_to(Path(os.path.abspath(project)))
    return door if marked or inside else door.widened(files=(lexical,))


def project_door(config: Config) -> Door:
    """The door for the project's own files: templates, styles, the brand and what it names.
    Without a project (a Python caller), the folders `config` names are the caller's choice."""
    if config.project_root is not None:
        return Door(config.project_root.resolve(), marked=True)
    return Door(PACKAGE_DIR).widened((*config.template_dirs, *config.style_dirs))


def resources_door(door: Door, config: Config) -> Door:
    """The door through which layout reads images, fonts and stylesheets: the document's,
    with the project's template and style folders and the brand's files."""
    project = project_door(config)
    folders = (*config.template_dirs, *config.style_dirs)
    allowed = [folder for folder in folders if project.refusal(folder) is None]
    return door.widened(allowed, config.brand_files)


def _hidden_name(path: Path, folder: Path) -> str | None:
    if not path.is_relative_to(folder):
        return None
    return next((name for name in path.relative_to(folder).parts if name.startswith(".")), None)


def _marks_project(folder: Path) -> bool:
    if any((folder / name).exists() for name in PROJECT_MARKERS):
        return True
    pyproject = folder / "pyproject.toml"
    try:
        return pyproject.is_file() and "[tool.briefing]" in pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def check_attachments(
    path: Path, names: tuple[str, ...], line: int | None, door: Door
) -> tuple[Path, ...]:
    """The files front matter `attachments:` names (on `line`), each through `door`."""
    folder = path.parent
    found = []
    for name in names:
        if "\x00" in name:  # no file name holds one; the operating system refuses it
            raise ContentError(f"attachment {name!r} contains a NUL character", path, line)
        candidate = door.check(folder / name, f"attachment {name!r}", path, line)
        if not candidate.is_file():
            raise ContentError(f"attachment {name!r} is not a file in {folder}", path, line)
        found.append(candidate)
    return tuple(found)
