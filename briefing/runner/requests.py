"""A build request (what the command line, or a Python caller, asks for) and the config and
jobs it makes in a project."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Config, Seal, default_cache_dir, load_config
from briefing.errors import BriefingError, BuildProblems, ConfigError, display_path
from briefing.output import check_output_path, every_output
from briefing.pdf.sealing import certificate_fingerprint, check_certificate
from briefing.project import Project
from briefing.runner.job import Job


@dataclass(frozen=True)
class Sealing:
    """What `--sign`, `--timestamp` and `--encrypt` ask for, with the passwords they need."""

    certificate: Path | None = None
    """The signer's PKCS#12 file; None: not signed."""
    certificate_password: bytes = field(default=b"", repr=False)
    timestamp_url: str | None = None
    encrypt: bool = False
    open_password: str = field(default="", repr=False)
    """The password that opens the PDFs of a build without recipients."""


@dataclass(frozen=True)
class BuildRequest:
    """What to build and how: the settings of `briefing [SOURCE ...]`, as plain values."""

    sources: tuple[Path, ...] = ()
    """The briefs to build; none: every brief in the project's content folder."""
    output: Path | None = None
    """The output PDF of the one source (`-o`)."""
    build_dir: Path | None = None
    """Where PDFs go without `output`; None: the project's build folder."""
    profiles: tuple[str, ...] = ()
    """Profiles to build; none: the brief's front matter or the project's default."""
    paper: str | None = None
    marks: bool = False
    pdf_variant: str | None = None
    write_html: bool = False
    strict: bool = False
    final: bool = False
    allow_remote: bool = False
    trust_html: bool = False
    assets: tuple[Path, ...] = ()
    """Folders besides the brief's own from which images may be read."""
    brand: str | None = None
    embed_sources: bool = True
    """Embed the brief's sources and manifest in each PDF."""
    changes_since: str | None = None
    """The old edition to list the changes since: a PDF, a Markdown file or `git:REF`."""
    redline: bool = False
    """Mark the changes in the text too."""
    edition: str | None = None
    """The edition to build (`--edition`); None: every audience section."""
    sealing: Sealing = field(default_factory=Sealing)
    """Signing and encryption (`--sign`, `--timestamp`, `--encrypt`)."""


def make_jobs(request: BuildRequest, project: Project) -> list[Job]:
    """The config (checked) and one job per source that `request` asks for in `project`."""
    config = load_config(
        Config(
            template_dirs=project.template_dirs,
            style_dirs=project.style_dirs,
            defaults=project.defaults,
            cache_dir=default_cache_dir(project.cache_dir),
            write_html=request.write_html,
            strict=request.strict,
            allow_remote=request.allow_remote,
            trust_html=request.trust_html,
            profiles=request.profiles,
            output_named=request.output is not None,
            paper=request.paper,
            marks=request.marks,
            pdf_variant=request.pdf_variant,
            final=request.final,
            asset_dirs=_asset_dirs(request.assets, project),
            source_date_epoch=_source_date_epoch(),
            project_root=project.root,
            brand=request.brand,
            embed_sources=request.embed_sources,
            changes_since=request.changes_since,
            redline=request.redline,
            edition=request.edition,
            seal=_seal(request.sealing, request.allow_remote),
        )
    )
    build_dir = request.build_dir or project.build_dir
    suffix = f"-{request.edition}" if request.edition else ""
    pairs = _jobs(list(request.sources), request.output, build_dir, project, suffix)
    return [Job(source, output, config) for source, output in pairs]


def _jobs(
    sources: list[Path], output: Path | None, build_dir: Path, project: Project, suffix: str
) -> list[tuple[Path, Path]]:
    """Pair each source with its output path (no SOURCE: every brief in the project); an
    edition's `suffix` goes after the brief's name (`build/brief-public.pdf`)."""
    if not sources:
        # Hidden files are never read; each found is checked by the build's door, so a link
        # out of the project fails its own build and the other briefs still build. Quarto's
        # `.qmd` beside Markdown's `.md`: both are briefs.
        found = (path for suffix in ("*.md", "*.qmd") for path in project.content_dir.glob(suffix))
        sources = sorted(path for path in found if not path.name.startswith("."))
        if not sources:
            raise ConfigError(
                f"no briefings found: {display_path(project.content_dir)} has no *.md or "
                '*.qmd files; start one with: briefing new "Title"'
            )
    pairs = (
        [(sources[0], output)]
        if output is not None
        else [(source, build_dir / f"{source.stem}{suffix}.pdf") for source in sources]
    )
    _check_outputs(pairs)
    return pairs


def _check_outputs(pairs: list[tuple[Path, Path]]) -> None:
    """Refuse outputs that would overwrite a source, a folder or a device, or each other."""
    problems: list[BriefingError] = []
    sources = {source.resolve() for source, _ in pairs}
    claimed: dict[Path, Path] = {}
    for source, output in pairs:
        resolved = output.resolve()
        if clash := sources & every_output(resolved):
            problems.append(
                ConfigError(
                    f"output {display_path(output)} would overwrite the source "
                    f"{display_path(next(iter(clash)))}: choose another -o path"
                )
            )
        elif reason := check_output_path(output):
            problems.append(ConfigError(f"output {display_path(output)} {reason}"))
        elif resolved in claimed:
            problems.append(
                ConfigError(
                    f"{display_path(claimed[resolved])} and {display_path(source)} would both "
                    f"be built into {display_path(output)}: rename one, or build them apart"
                )
            )
        claimed.setdefault(resolved, source)
    if problems:
        raise problems[0] if len(problems) == 1 else BuildProblems(problems)


def _seal(sealing: Sealing, allow_remote: bool) -> Seal:
    """The seal `sealing` asks for, its certificate read and checked before any build."""
    if sealing.timestamp_url and not allow_remote:
        raise ConfigError(
            "--timestamp asks a time-stamp authority on the network: add --allow-remote"
        )
    if sealing.timestamp_url and not sealing.timestamp_url.startswith(("https://", "http://")):
        raise ConfigError(f"--timestamp must be an http(s) URL, got {sealing.timestamp_url!r}")
    if sealing.certificate is None:
        if sealing.timestamp_url:
            raise ConfigError("--timestamp needs --sign CERT.p12")
        return Seal(encrypt=sealing.encrypt, open_password=sealing.open_password)
    try:
        data = sealing.certificate.read_bytes()
    except OSError as error:
        raise ConfigError(
            f"{sealing.certificate}: cannot read the certificate: {error.strerror}"
        ) from None
    certificate = check_certificate(data, sealing.certificate_password, sealing.certificate)
    return Seal(
        certificate=data,
        certificate_password=sealing.certificate_password,
        fingerprint=certificate_fingerprint(data),
        signer=certificate.signer,
        timestamp_url=sealing.timestamp_url,
        encrypt=sealing.encrypt,
        open_password=sealing.open_password,
    )


def _asset_dirs(folders: tuple[Path, ...], project: Project) -> tuple[Path, ...]:
    """The declared asset folders, resolved; the project's assets/ comes along if it exists."""
    default = project.assets_dir
    return tuple(
        dict.fromkeys(
            [folder.resolve() for folder in folders] + ([default] if default.is_dir() else [])
        )
    )


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if not value.isdigit() or int(value) > 253_402_300_799:  # 9999-12-31T23:59:59Z
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (before year 10000), got {value!r}"
        )
    return int(value)
