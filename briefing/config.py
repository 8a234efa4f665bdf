"""Build options: one frozen value made from the command line, validated once."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import ConfigError
from briefing.project import THEME_DIR, Defaults
from briefing.timing import StageTimer


def default_cache_dir(project_cache: Path | None = None) -> Path:
    """The folder in env BRIEFING_CACHE_DIR, else the project's (`.briefing-cache/` in the
    working folder when none is given)."""
    return Path(
        os.environ.get("BRIEFING_CACHE_DIR") or project_cache or Path.cwd() / ".briefing-cache"
    )


@dataclass(frozen=True)
class Seal:
    """How each PDF a build writes is sealed: signed with a certificate, encrypted for a reader.

    The secrets are left out of the value's text (`repr`), which the cache keys on and which a
    message could show: only the certificate's fingerprint and the signer's name are in it."""

    certificate: bytes = field(default=b"", repr=False)
    """The signer's PKCS#12 file (`--sign`), already checked; empty: not signed."""
    certificate_password: bytes = field(default=b"", repr=False)
    """The PKCS#12 file's password (BRIEFING_SIGN_PASSWORD, or typed at a prompt)."""
    fingerprint: str = ""
    """SHA-256 of the PKCS#12 file."""
    signer: str = ""
    """The certificate's subject, for the register."""
    timestamp_url: str | None = None
    """A time-stamp authority (`--timestamp`): PAdES B-T instead of B-B."""
    encrypt: bool = False
    """Encrypt with AES-256 (`--encrypt`): with `open_password`, or each copy with its own."""
    open_password: str = field(default="", repr=False)
    """The password that opens a single build's PDFs (BRIEFING_PDF_PASSWORD)."""

    @property
    def signs(self) -> bool:
        """Whether outputs are signed."""
        return bool(self.certificate)


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know besides the briefing itself."""

    template_dirs: tuple[Path, ...] = (THEME_DIR / "templates",)
    """Folders of Jinja templates, searched in order (the project's before the theme's)."""

    style_dirs: tuple[Path, ...] = (THEME_DIR / "styles",)
    """Folders of print CSS, searched in order for each stylesheet by name."""

    stylesheets: tuple[str, ...] = ("common.css",)
    """Stylesheets that every profile starts from."""

    defaults: Defaults = field(default_factory=Defaults)
    """The project's front matter defaults."""

    asset_dirs: tuple[Path, ...] = ()
    """Extra folders a briefing may load images and files from."""

    write_html: bool = False
    """Also write the exact HTML that WeasyPrint renders beside the PDF."""

    strict: bool = False
    """Treat warnings as errors."""

    allow_remote: bool = False
    """Fetch http(s) images and stylesheets; otherwise they are left out with a warning."""

    trust_html: bool = False
    """Keep raw HTML in Markdown as written instead of sanitising it."""

    profiles: tuple[str, ...] = ()
    """Profiles to build (brief, handout, email, all); empty: each brief's front matter decides."""

    output_named: bool = False
    """`-o` named the output PDF: with one profile it is written there exactly; with several,
    each profile's suffix is added to its name (`X-handout.pdf`)."""

    paper: str | None = None
    """Paper size (a4 or letter) overriding the front matter."""

    marks: bool = False
    """Add crop marks and a 3 mm bleed for a print shop."""

    pdf_variant: str | None = None
    """A WeasyPrint PDF variant such as pdf/a-3b; default pdf/ua-1 (tagged, accessible)."""

    final: bool = False
    """Refuse to build while any claim is still marked unverified."""

    embed_sources: bool = True
    """Embed the brief's sources and a manifest in each PDF (`--no-sources` turns it off)."""

    changes_since: str | None = None
    """The old edition (a PDF built by briefing, a Markdown file or `git:REF`): a "What
    changed" page after the cover lists what changed since."""

    redline: bool = False
    """With `changes_since`: mark every change in the text too (`briefing diff`)."""

    cache_dir: Path = field(default_factory=lambda: default_cache_dir())
    """Where build manifests and compiled templates are kept; never beside the output."""

    source_date_epoch: int | None = None
    """Fixed creation time (seconds since 1970) for reproducible PDFs."""

    project_root: Path | None = None
    """The project's folder, where `_brand.yml` and `brands/` are looked for (None: no brand)."""

    brand: str | None = None
    """The brand to use, `brands/NAME.yml` (`--brand`); wins over front matter and config."""

    brand_files: tuple[Path, ...] = ()
    """The brand's logo and font files, which the fetcher may serve (checked when read)."""

    seal: Seal = field(default_factory=Seal)
    """Signing and encryption of every PDF written (`--sign`, `--encrypt`)."""

    edition: str | None = None
    """The edition to build (`--edition`): other audiences' sections are removed; None: all."""

    stage_timer: StageTimer | None = field(default=None, compare=False, repr=False)
    """Told each stage's name and seconds as `build()` runs it (the benchmark sets it)."""

    def style_path(self, name: str) -> Path:
        """The stylesheet `name` from the first style folder that has it (a project's file
        overrides the theme's); the last folder's path when none has it."""
        for folder in self.style_dirs:
            if (folder / name).is_file():
                return folder / name
        return self.style_dirs[-1] / name


def load_config(config: Config | None = None) -> Config:
    """Check every folder and file `config` names; report all problems at once."""
    config = config or Config()
    problems = []
    for name in ("base.html", "briefing.html"):
        if not any((folder / name).is_file() for folder in config.template_dirs):
            problems.append(f"templates: no {name} in {_listed(config.template_dirs)}")
    for name in config.stylesheets:
        if not config.style_path(name).is_file():
            problems.append(f"stylesheets: no {name} in {_listed(config.style_dirs)}")
    if config.paper not in (None, "a4", "letter"):
        problems.append(f"paper: must be a4 or letter, got {config.paper!r}")
    for folder in config.asset_dirs:
        if not folder.is_dir():
            problems.append(f"asset_dirs: {folder} is not a folder")
    if problems:
        raise ConfigError("; ".join(problems))
    return config


def _listed(folders: tuple[Path, ...]) -> str:
    return " or ".join(str(folder) for folder in folders)


def creation_time(config: Config) -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH when set, so rebuilds are byte-identical."""
    if config.source_date_epoch is not None:
        return dt.datetime.fromtimestamp(config.source_date_epoch, dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
