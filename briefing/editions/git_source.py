"""The brief as committed at a git ref, read from the project's repository with `git cat-file
blob REF:path` (`git show REF:path` without its text conversion filters, which a repository's
config could point at a program): a fixed argument list, no shell; only the text files of the
brief's folder, each capped."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from briefing.editions.embedded import MAX_FILES, unsafe_name
from briefing.errors import ConfigError
from briefing.output import write_outputs
from briefing.read.files import MAX_SOURCE_BYTES

SOURCE_SUFFIXES = frozenset({".md", ".markdown", ".yaml", ".yml", ".csv", ".json", ".bib", ".csl"})
"""What a brief is read from: Markdown, data files, the bibliography and its style."""

GIT_SECONDS = 60
"""A git command that takes longer than this is stopped."""


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C folder ARGUMENTS` (no shell, no pager, no terminal prompt)."""
    try:
        return subprocess.run(
            ["git", "-C", str(folder), "--no-pager", *arguments],
            capture_output=True,
            timeout=GIT_SECONDS,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise ConfigError("git:REF needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"git took over {GIT_SECONDS} s: giving up") from None


def checkout_brief(ref: str, source: Path, workspace: Path) -> Path:
    """Write the brief at `source` as committed at `ref` (with the text files of its folder)
    into `workspace`; the path of the old brief there.

    Raises:
        ConfigError: not a git repository, no such ref, or the brief not committed at it.
    """
    folder = source.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ConfigError(f"git:{ref}: {folder} is not in a git repository")
    root = Path(top.stdout.decode().strip()).resolve()
    if (
        ref.startswith("-")
        or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode
    ):
        raise ConfigError(f"git:{ref}: no such commit, branch or tag in {root}")
    prefix = folder.relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    listing = _git(root, "ls-tree", "-r", "-l", "-z", ref, "--", prefix or ".")
    files = {}
    for entry in listing.stdout.decode("utf-8", "replace").split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) != 4 or parts[1] != "blob" or not path.startswith(prefix):
            continue
        name, size = path[len(prefix) :], parts[3]
        wanted = Path(name).suffix.lower() in SOURCE_SUFFIXES and not unsafe_name(name)
        if wanted and size.isdigit() and int(size) <= MAX_SOURCE_BYTES:
            files[name] = path
    brief = source.name
    if brief not in files:
        raise ConfigError(f"git:{ref}: {prefix}{brief} is not committed at {ref}")
    if len(files) > MAX_FILES:
        raise ConfigError(f"git:{ref}: {prefix} holds more than {MAX_FILES} text files")
    written = []
    for name, path in sorted(files.items()):
        shown = _git(root, "cat-file", "blob", f"{ref}:{path}")  # `git show`, no filters
        if shown.returncode != 0:
            raise ConfigError(f"git:{ref}: cannot read {path}: {shown.stderr.decode().strip()}")
        written.append((workspace / name, shown.stdout))
    write_outputs(written)
    return workspace / brief
