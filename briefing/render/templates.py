"""The Jinja environment the templates render in, with compiled templates kept on disk."""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.loaders import split_template_path

from briefing.read.files import PACKAGE_DIR, Door


@cache
def make_environment(
    template_dirs: tuple[Path, ...], cache_dir: Path | None = None, door: Door | None = None
) -> Environment:
    """Jinja environment: autoescaped, strict about undefined names, loading a template from
    the first of `template_dirs` that has it (a project's file overrides the theme's), each
    through `door` (by default: the folders named are the caller's choice).

    One per process (templates are reloaded when their files change); compiled templates are
    kept in `cache_dir`, which saves a cold build ~50 ms of compiling.
    """
    bytecode = _BytecodeCache(str(cache_dir)) if cache_dir and _usable(cache_dir) else None
    return Environment(
        loader=_CheckedLoader(template_dirs, door or Door(PACKAGE_DIR).widened(template_dirs)),
        bytecode_cache=bytecode,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class _CheckedLoader(FileSystemLoader):
    """Jinja's file loader, reading a template only once the door lets its file through."""

    def __init__(self, template_dirs: tuple[Path, ...], door: Door) -> None:
        super().__init__(template_dirs)
        self.door = door

    def get_source(self, environment: Environment, template: str) -> Any:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_file():
                self.door.check(candidate, f"template {template!r}")
                break
        return super().get_source(environment, template)


def _usable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates on disk when the cache folder allows it: a folder that cannot be
    read or written (read-only, full, removed) only costs compiling the templates again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)
