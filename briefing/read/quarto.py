"""What Quarto and Pandoc documents bring beside their Markdown: `date: today`, the
`_variables.yml` that `{{< var key >}}` reads, and the labels (`{#fig-x}`…) that get numbers."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefing.errors import ContentError, ContentWarning
from briefing.read.files import read_text
from briefing.read.metadata import Metadata
from briefing.read.parts import Part
from briefing.read.verification import numbered_names
from briefing.yamlio import load_yaml

VARIABLES_FILE = "_variables.yml"
"""Quarto's variables, beside the document: `{{< var key >}}` prints one."""

_TODAY = ("today", "now")


def resolved_date(metadata: Metadata, path: Path) -> Metadata:
    """`date: today` (or `now`) as the build's date, `date: last-modified` as the file's; the
    build's date is SOURCE_DATE_EPOCH's when set, so a rebuild prints the same."""
    written = metadata.date.lower() if isinstance(metadata.date, str) else ""
    if written in _TODAY:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        today = (
            dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
            if epoch.isdigit()
            else dt.date.today()
        )
        return replace(metadata, date=today)
    if written == "last-modified":
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
        return replace(metadata, date=modified)
    return metadata


def read_variables(
    path: Path, digests: dict[Path, str]
) -> tuple[dict[str, Any], list[ContentWarning]]:
    """The `_variables.yml` beside the brief `path` (none: empty); a file that is not a mapping
    is a warning and reads as empty."""
    variables_path = path.parent / VARIABLES_FILE
    if not variables_path.is_file() or variables_path.is_symlink():
        return {}, []
    try:
        data, _ = load_yaml(read_text(variables_path, digests), variables_path)
    except ContentError as error:
        return {}, [ContentWarning(variables_path, error.line, str(error.message))]
    if not isinstance(data, dict):
        message = "expected 'key: value' pairs: '{{< var key >}}' prints nothing from it"
        return {}, [ContentWarning(variables_path, 1, message)]
    return data, []


def numbered(parts: list[Part]) -> dict[str, tuple[str, ...]]:
    """The names of the figures, tables and equations across `parts`, in the order of their
    numbers ("fig", "tbl", "eq")."""
    found: dict[str, list[str]] = {"fig": [], "tbl": [], "eq": []}
    for part in parts:
        for kind, names in numbered_names(part.body).items():
            found[kind] += [name for name in names if name not in found[kind]]
    return {kind: tuple(names) for kind, names in found.items()}
