"""Writing output files atomically: readers see the old file or the new one, never half."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .errors import BuildError


def write_atomically(output: Path, data: bytes) -> None:
    """Write `data` to `output` so that readers see the old file or the new one, never half.

    The data goes to a hidden temporary file beside `output` (same file system), which is then
    renamed over it. A temporary left by a killed build is removed by the next build.
    """
    temporary = output.parent / f".{output.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphaned_temporaries(output)
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BuildError(f"cannot write {output}: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
