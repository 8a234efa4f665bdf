"""`briefing new "Title"`: start a brief that builds as it is."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from briefing.config import Config
from briefing.errors import ConfigError, display_path
from briefing.read.files import project_door
from briefing.read.labels import load_labels, scaffold_words
from briefing.read.writing_systems import WORD_CHARACTER
from briefing.render.templates import make_environment

_LANGUAGE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")
"""A language tag as the front matter accepts it."""
_WORD_CHARACTER = re.compile(WORD_CHARACTER)


def yaml_scalar(value: str) -> str:
    """`value` as one YAML scalar, double-quoted and escaped by the YAML library."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").strip()


def slugify(title: str) -> str:
    """A file name from a title in any script: its words (letters, marks and digits) in lower
    case joined by hyphens, punctuation dropped; a Latin letter loses its accent ("Sécurité"
    → "securite"), every other script is kept as written ("电网韧性简报")."""
    characters: list[str] = []
    for character in unicodedata.normalize("NFKD", title):
        if unicodedata.combining(character) and characters and characters[-1].isascii():
            continue  # the accent of a Latin letter
        characters.append(character if _WORD_CHARACTER.fullmatch(character) else " ")
    words = unicodedata.normalize("NFC", "".join(characters)).lower().split()
    return _shortened("-".join(words))


def _shortened(slug: str) -> str:
    """`slug` cut to 60 characters and 120 bytes, never between a letter and its mark."""
    end = min(len(slug), 60)
    while end and (
        len(slug[:end].encode()) > 120
        or (end < len(slug) and unicodedata.category(slug[end]).startswith("M"))
    ):
        end -= 1
    return slug[:end].strip("-")


def _filled(words: dict[str, str], slug: str) -> dict[str, str]:
    """The scaffold's words for Markdown, its example references and marks put in."""
    marks = {
        "claim": f"{{?{words['claim']}?}}",
        "citation": "[@example]",
        "reference": "[@example-report, p. 4]",
        "options": "@sec-options",
        "table": f"@tbl-{slug}-comparison",
        "figure": f"@fig:{slug}-timeline",
        "chart": f"@fig:{slug}-costs",
    }
    return {key: value.format(**marks) for key, value in words.items()}


def _free_names(slug: str, content_dir: Path) -> dict[Path, str]:
    """The brief's files for `slug`, or for `slug-2`, `slug-3`… when those are taken."""
    for number in range(1, 1000):
        name = slug if number == 1 else f"{slug}-{number}"
        files = {
            content_dir / f"{name}.md": "new/brief.md",
            content_dir / "data" / f"{name}-comparison.yaml": "new/comparison.yaml",
            content_dir / "data" / f"{name}-timeline.yaml": "new/timeline.yaml",
            content_dir / "data" / f"{name}-costs.yaml": "new/chart.yaml",
            content_dir / f"{name}-references.json": "new/references.json",
        }
        if not any(path.exists() or path.is_symlink() for path in files):
            return files
    raise ConfigError(f"{display_path(content_dir / slug)}.md and 998 more already exist")


def new_brief(
    title: str, content_dir: Path, config: Config, today: dt.date, language: str = "en"
) -> list[Path]:
    """Write a new brief in `language`, its comparison table, its timeline and its bar chart;
    refuse to overwrite anything."""
    if not _LANGUAGE.fullmatch(language):
        raise ConfigError(
            f"--language must be a BCP 47 tag such as 'fr' or 'fr-CA', got {language!r}"
        )
    # A title of symbols alone (no letter of any script) still needs a file name.
    files = _free_names(slugify(title) or f"brief-{today.isoformat()}", content_dir)
    slug = next(iter(files)).stem
    environment = make_environment(config.template_dirs, config.cache_dir, project_door(config))
    # Values go into the front matter as YAML scalars written by the YAML library, so that
    # quotes, backslashes or a colon in a title cannot break it.
    labels, _ = load_labels(language)  # no catalogue for the language: English, as built
    words = scaffold_words(language)
    context = {
        "title": yaml_scalar(title),
        "slug": slug,
        "date": today.isoformat(),
        "language": yaml_scalar(language),
        "notice": yaml_scalar(labels.notice),
        "notice_short": yaml_scalar(labels.notice_short),
        "words": _filled(words, slug),
        "yaml": {key: yaml_scalar(value) for key, value in words.items()},
        "json": {key: json.dumps(value, ensure_ascii=False) for key, value in words.items()},
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(environment.get_template(template).render(context))
    return list(files)
