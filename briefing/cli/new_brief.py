"""`briefing new "Title"`: start a brief that builds as it is."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from briefing.config import Config
from briefing.errors import ConfigError, display_path
from briefing.render.templates import make_environment

_LANGUAGE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")
"""A language tag as the front matter accepts it."""


def yaml_scalar(value: str) -> str:
    """`value` as one YAML scalar, double-quoted and escaped by the YAML library."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").strip()


def slugify(title: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens."""
    words = re.sub(r"\W+", " ", title)  # a dash between words ("OTAN–UE") still parts them
    ascii_title = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-")


def new_brief(
    title: str, content_dir: Path, config: Config, today: dt.date, language: str = "en"
) -> list[Path]:
    """Write a new brief in `language`, its comparison table, its timeline and its bar chart;
    refuse to overwrite anything."""
    if not _LANGUAGE.fullmatch(language):
        raise ConfigError(
            f"--language must be a BCP 47 tag such as 'fr' or 'fr-CA', got {language!r}"
        )
    # A title in a script with no ASCII spelling (Arabic, Chinese…) still needs a file name.
    slug = slugify(title) or f"brief-{today.isoformat()}"
    files = {
        content_dir / f"{slug}.md": "new/brief.md",
        content_dir / "data" / f"{slug}-comparison.yaml": "new/comparison.yaml",
        content_dir / "data" / f"{slug}-timeline.yaml": "new/timeline.yaml",
        content_dir / "data" / f"{slug}-costs.yaml": "new/chart.yaml",
        content_dir / f"{slug}-references.json": "new/references.json",
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise ConfigError(
            f"{display_path(existing[0])} already exists: choose another title or remove it"
        )
    environment = make_environment(config.template_dirs, config.cache_dir)
    # Values go into the front matter as YAML scalars written by the YAML library, so that
    # quotes, backslashes or a colon in a title cannot break it.
    context = {
        "title": yaml_scalar(title),
        "slug": slug,
        "date": today.isoformat(),
        "language": yaml_scalar(language),
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(environment.get_template(template).render(context))
    return list(files)
