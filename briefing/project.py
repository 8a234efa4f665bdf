"""The project: a folder with `briefing.toml` (or `[tool.briefing]` in `pyproject.toml`), found
by walking up from the working folder as MkDocs finds `mkdocs.yml`. Without one, the working
folder is the project and everything has its default.

The config holds what a team shares: defaults for front matter (front matter overrides them,
the command line overrides both) and the project's folders. It is written for briefing alone,
so an unknown key is an error with its line and the closest known key.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError, BuildProblems, ConfigError, ContentError
from briefing.tomlio import load_toml

CONFIG_FILE = "briefing.toml"
THEME_DIR = Path(__file__).resolve().parent / "theme"
"""The default theme shipped in the package: `templates/` and `styles/`."""


@dataclass(frozen=True)
class Defaults:
    """Front matter defaults a team shares; a brief's front matter overrides each one."""

    language: str | None = None
    """BCP 47 tag for briefs that name none (else guessed from the script, else en)."""
    organisation: str = ""
    """Organisation on the cover."""
    author: str = ""
    """Person or unit that writes the briefs."""
    paper: str | None = None
    """a4 or letter."""
    profiles: tuple[str, ...] = ()
    """Profiles built when neither the command line nor the front matter names any."""
    notice_short: str = ""
    """The short verification notice printed in every page footer."""
    classification: str = ""
    """Handling banner on every page."""
    distribution: str = ""
    """Distribution statement on the cover and every page."""
    brand: str | None = None
    """The brand file to use (a name under `brands/`, or `_brand.yml` when absent)."""

    def as_front_matter(self) -> dict[str, Any]:
        """The defaults that are set, as front matter values."""
        return {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if getattr(self, item.name) not in (None, "", ())
        }


@dataclass(frozen=True)
class Project:
    """Where a project's files are and what its config says."""

    root: Path
    """The folder holding the config file (or the working folder when there is none)."""
    config_file: Path | None
    defaults: Defaults
    content_dir: Path
    """Where `briefing` (no SOURCE) finds briefs and `briefing new` writes them."""
    build_dir: Path
    """Where outputs go when no -o is given."""
    cache_dir: Path
    """Build manifests and compiled templates (env BRIEFING_CACHE_DIR wins)."""
    assets_dir: Path
    """A folder every brief of the project may load images from."""

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Jinja looks in the project's `templates/` first, then in the theme's."""
        return (*_existing(self.root / "templates"), THEME_DIR / "templates")

    @property
    def style_dirs(self) -> tuple[Path, ...]:
        """A stylesheet is taken from the project's `styles/` first, then from the theme's."""
        return (*_existing(self.root / "styles"), THEME_DIR / "styles")


_FOLDERS = {
    "content_dir": "content",
    "build_dir": "build",
    "cache_dir": ".briefing-cache",
    "assets_dir": "assets",
}
"""Each folder setting and its default, relative to the project's root."""
_FOLDER_KEYS = tuple(_FOLDERS)
_DEFAULT_KEYS = tuple(item.name for item in fields(Defaults))
KNOWN_KEYS = (*_DEFAULT_KEYS, *_FOLDER_KEYS)


def find_project(start: Path) -> Project:
    """The project that `start` lies in: the nearest folder upwards with a config."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return load_project(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.briefing]" in _read(pyproject):
            return load_project(pyproject)
    return _project(start, None, Defaults(), {})


def load_project(config_file: Path) -> Project:
    """Read `config_file`; report every problem at once, each with its line."""
    try:
        data, lines = load_toml(_read(config_file), config_file)
    except ContentError as error:  # the config is the project's settings, not content
        raise ConfigError(error.message, error.path, error.line) from None
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("briefing", {})
    problems: list[BriefingError] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(key)
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(ConfigError(f"unknown key '{key}'{hint}", config_file, line))
            continue
        try:
            values[key] = _convert(key, value)
        except ValueError as error:
            problems.append(ConfigError(f"'{key}' {error}", config_file, line))
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)
    folders = {key: values.pop(key) for key in _FOLDER_KEYS if key in values}
    return _project(config_file.parent.resolve(), config_file, Defaults(**values), folders)


def _project(
    root: Path, config_file: Path | None, defaults: Defaults, folders: dict[str, str]
) -> Project:
    """A project whose folders are `folders` (or their defaults), relative to `root`."""
    return Project(
        root,
        config_file,
        defaults,
        **{key: root / folders.get(key, default) for key, default in _FOLDERS.items()},
    )


def _convert(key: str, value: Any) -> Any:
    if key == "profiles":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"must be a list of profile names, got {value!r}")
        allowed = ("brief", "handout", "email", "all")
        for item in value:
            if item not in allowed:
                raise ValueError(f"must name profiles among {', '.join(allowed)}, got {item!r}")
        return tuple(value)
    if not isinstance(value, str):
        raise ValueError(f"must be text, got {value!r}")
    if key == "paper" and value.lower() not in ("a4", "letter"):
        raise ValueError(f"must be a4 or letter, got {value!r}")
    return value.lower() if key == "paper" else value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the project config: {error}", path) from None


def _existing(folder: Path) -> tuple[Path, ...]:
    return (folder,) if folder.is_dir() else ()
