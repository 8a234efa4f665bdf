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
from briefing.layout.weasyprint_adapter import load_weasyprint
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


DEFERRED_FONT_TOOLS = """
import io, sys
from briefing.layout.weasyprint_adapter import load_weasyprint
weasyprint = load_weasyprint()
import weasyprint.pdf.fonts as pdf_fonts
loaded_at_import = sorted(name for name in ("fontTools.varLib", "fontTools.varLib.instancer")
                          if name in sys.modules)
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
pen = TTGlyphPen(None)
pen.moveTo((100, 0)); pen.lineTo((100, 700)); pen.lineTo((500, 700)); pen.lineTo((500, 0))
pen.closePath()
builder = FontBuilder(1000, isTTF=True)
builder.setupGlyphOrder([".notdef", "A"])
builder.setupCharacterMap({65: "A"})
builder.setupGlyf({".notdef": pen.glyph(), "A": pen.glyph()})
builder.setupHorizontalMetrics({".notdef": (600, 100), "A": (600, 100)})
builder.setupHorizontalHeader(ascent=800, descent=-200)
builder.setupNameTable({"familyName": "Probe", "styleName": "Regular"})
builder.setupOS2()
builder.setupPost()
builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
variable = io.BytesIO()
builder.save(variable)
variable.seek(0)
static = pdf_fonts.instantiateVariableFont(TTFont(variable), {"wght": 700}, static=True)
print(loaded_at_import, "fvar" in static, type(pdf_fonts.subset.Subsetter).__name__)
"""


def test_font_tools_parts_load_only_when_used() -> None:
    """WeasyPrint's fontTools instancer and subsetter (~0.1 s to import) are not loaded with
    it, and work as the real ones once used: a variable font is made static."""
    run = subprocess.run(
        [sys.executable, "-c", DEFERRED_FONT_TOOLS], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[] False type", run.stdout + run.stderr
