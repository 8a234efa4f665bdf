"""A cold build pays for layout, not for finding libraries or tearing the process down."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf

from .conftest import MINIMAL_BRIEF, PROJECT_ROOT

BUILD = PROJECT_ROOT / "build.py"

RECORD_SUBPROCESSES = """
import subprocess, sys
started = []
original = subprocess.Popen.__init__
def recording(self, args, *rest, **options):
    started.append(args)
    original(self, args, *rest, **options)
subprocess.Popen.__init__ = recording
from briefing.weasyprint_loader import load_weasyprint
weasyprint = load_weasyprint()
import ctypes.util
assert ctypes.util.find_library.__module__ == "ctypes.util", "the search is put back"
print(weasyprint.HTML is not None, started)
"""


def test_weasyprint_is_imported_without_running_a_library_search() -> None:
    """cffi's `find_library` runs `ldconfig` and `gcc`; WeasyPrint's Linux names need none."""
    run = subprocess.run(
        [sys.executable, "-c", RECORD_SUBPROCESSES], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "True []", run.stdout + run.stderr


def test_the_command_ends_with_every_output_whole(tmp_path: Path) -> None:
    """`build.py` ends the process without the interpreter's teardown: the result line
    still reaches a pipe, every profile's PDF and the email draft are complete, and the
    exit code is the build's."""
    source = tmp_path / "brief.md"
    source.write_text(MINIMAL_BRIEF, encoding="utf-8")
    output = tmp_path / "out" / "brief.pdf"
    command = [sys.executable, str(BUILD), str(source), "-o", str(output), "--profile", "all"]
    run = subprocess.run([*command, "--eml", "-j", "2"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = sorted(path.name for path in output.parent.iterdir())
    assert written == ["brief-email.pdf", "brief-handout.pdf", "brief.eml", "brief.pdf"]
    for name in written:
        assert name in run.stdout or name.endswith(".eml")
        if name.endswith(".pdf"):
            assert len(pypdf.PdfReader(output.parent / name).pages) >= 1
    assert (output.parent / "brief.eml").read_bytes().rstrip().endswith(b"--")
    missing = subprocess.run([sys.executable, str(BUILD), str(tmp_path / "none.md")],
                             capture_output=True, text=True)  # fmt: skip
    assert missing.returncode == 1 and "none.md" in missing.stderr and not missing.stdout
