"""Writing a build's outputs as a set: readers see all the old files or all the new ones.

Every file goes first to a hidden temporary file beside it (same file system), written and
fsync'd. Only when every temporary is complete are they renamed over their outputs, one after
the other. If a write fails (a full disk, a file size limit), no output has been touched yet;
if a rename fails, the outputs already replaced are restored from the old files. A temporary
left by a killed build is removed by the next build.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from briefing.errors import BuildError
from briefing.profiles import PROFILES


def write_outputs(files: list[tuple[Path, bytes]]) -> None:
    """Write every `(path, data)` of one build, all or none."""
    temporaries: list[tuple[Path, Path]] = []
    try:
        for output, data in files:
            try:
                temporaries.append((_write_temporary(output, data), output))
            except OSError as error:
                raise BuildError(f"cannot write {output}: {error.strerror or error}") from None
        _rename_together(temporaries)
    finally:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)


def write_atomically(output: Path, data: bytes) -> None:
    """Write one file so that readers see the old file or the new one, never half."""
    write_outputs([(output, data)])


def output_for(output: Path, suffix: str) -> Path:
    """The output path of a profile: `suffix` added to the stem of the brief's base output."""
    return output.with_name(f"{output.stem}{suffix}{output.suffix or '.pdf'}")


def every_output(output: Path) -> set[Path]:
    """Every file a build into `output` may write: each profile's PDF, its HTML, the draft."""
    pdfs = {output_for(output, profile.suffix) for profile in PROFILES.values()}
    return {output, *pdfs, *(pdf.with_suffix(".html") for pdf in pdfs), output.with_suffix(".eml")}


def check_output_path(output: Path) -> str | None:
    """Why `output` cannot be written to, or None: a folder, a device or a pipe is refused."""
    try:
        mode = output.stat().st_mode
    except OSError:
        return None  # does not exist yet
    if stat.S_ISDIR(mode):
        return "is a folder: give a file name, or -d DIR to build into a folder"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device or a pipe): give a file name"
    return None


def _write_temporary(output: Path, data: bytes) -> Path:
    temporary = output.parent / f".{output.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphaned_temporaries(output)
    try:
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _rename_together(temporaries: list[tuple[Path, Path]]) -> None:
    """Rename each temporary over its output; on failure put back the outputs replaced."""
    replaced: list[tuple[Path, Path | None]] = []  # output, and a link to its old file
    backups: list[Path] = []
    try:
        for temporary, output in temporaries:
            backup = _keep_old(output)
            if backup is not None:
                backups.append(backup)
            try:
                os.replace(temporary, output)
            except OSError as error:
                raise BuildError(f"cannot write {output}: {error.strerror or error}") from None
            replaced.append((output, backup))
    except BaseException:
        for output, backup in reversed(replaced):
            if backup is not None:
                os.replace(backup, output)
            else:
                output.unlink(missing_ok=True)
        raise
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)


def _keep_old(output: Path) -> Path | None:
    """A hard link to the file at `output` before it is replaced, or None if there is none."""
    if not output.is_file():
        return None
    backup = output.parent / f".{output.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    os.link(output, backup)
    return backup


def _remove_orphaned_temporaries(output: Path) -> None:
    """Remove temporary files beside `output` whose build process no longer runs."""
    for leftover in output.parent.glob(f".{output.name}.*.tmp"):
        pid = leftover.name.removeprefix(f".{output.name}.").split(".")[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
