"""Which brand a build uses: `--brand`, the front matter's or project's `brand`, else the
project's `_brand.yml`."""

from __future__ import annotations

from pathlib import Path

from briefing.brand.model import BRANDS_DIR, DEFAULT_BRAND, Brand
from briefing.brand.reader import load_brand
from briefing.config import Config
from briefing.errors import ConfigError, ContentError
from briefing.read.document import Briefing
from briefing.read.files import line_of


def choose_brand(briefing: Briefing, config: Config) -> Brand:
    """The brand a build of `briefing` uses: `--brand`, else front matter or the project's
    `brand`, else the project's `_brand.yml`; an empty `Brand()` when there is none.

    Raises:
        BriefingError: the brand named has no file, or its file has problems.
    """
    if config.project_root is None:
        return Brand()
    name = config.brand or briefing.metadata.brand
    try:
        path = brand_file(config.project_root, name)
    except ConfigError as error:
        if config.brand:
            raise
        line = line_of(briefing.path, "brand:")
        raise ContentError(error.message, briefing.path, line) from None
    return load_brand(path, config.project_root) if path else Brand()


def brand_file(root: Path, name: str | None) -> Path | None:
    """The brand file for `name` (`brands/NAME.yml`), else the project's `_brand.yml` if any.

    Raises:
        ConfigError: `name` has no file.
    """
    if name:
        path = root / BRANDS_DIR / f"{name}.yml"
        if path.is_file():
            return path
        known = sorted(item.stem for item in (root / BRANDS_DIR).glob("*.yml"))
        listed = f"there are: {', '.join(known)}" if known else f"{BRANDS_DIR}/ has none"
        raise ConfigError(f"unknown brand '{name}': no {BRANDS_DIR}/{name}.yml ({listed})")
    default = root / DEFAULT_BRAND
    return default if default.is_file() else None
