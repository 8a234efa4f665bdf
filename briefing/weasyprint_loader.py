"""Import WeasyPrint without its slow library search.

WeasyPrint asks cffi for each native library (GObject, Pango, HarfBuzz, fontconfig) under
several names, Windows and macOS ones first. For every name that does not load directly,
cffi calls `ctypes.util.find_library`, which on Linux runs `ldconfig` and `gcc` as
subprocesses: ~180 ms of a cold build spent finding libraries whose Linux names
(`libpango-1.0.so.0`, …) are in the list anyway and load directly. While WeasyPrint is
imported, that search answers "not found" at once, so the known names are the ones used.
"""

from __future__ import annotations

import ctypes.util
import sys
from typing import Any


def load_weasyprint() -> Any:
    """WeasyPrint, imported once per process; on Linux without running `find_library`."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        import weasyprint

        return weasyprint
    except OSError:
        # A library lives where only the search finds it: import again the usual way,
        # so a library that is truly missing gets WeasyPrint's own message.
        _forget_partial_import()
    finally:
        ctypes.util.find_library = search
    import weasyprint

    return weasyprint


def _not_found(name: str) -> None:
    return None


def _forget_partial_import() -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
        del sys.modules[name]
