"""Import WeasyPrint without its slow library search, and without fontTools parts it rarely uses.

WeasyPrint asks cffi for each native library (GObject, Pango, HarfBuzz, fontconfig) under
several names, Windows and macOS ones first. For every name that does not load directly,
cffi calls `ctypes.util.find_library`, which on Linux runs `ldconfig` and `gcc` as
subprocesses: ~180 ms of a cold build spent finding libraries whose Linux names
(`libpango-1.0.so.0`, …) are in the list anyway and load directly. While WeasyPrint is
imported, that search answers "not found" at once, so the known names are the ones used.

WeasyPrint also imports fontTools' subsetter (used only when HarfBuzz's subsetter is
missing) and variable-font instancer (used only for variable fonts): ~120 modules and
~0.1 s of every build. They are imported when first used instead (`_deferred_font_tools`).

This is the one module that reaches into WeasyPrint's internals (a page's box tree, the
fontconfig pointer of a font configuration); `tests/test_house_adapters.py` pins each.
"""

from __future__ import annotations

import ctypes.util
import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


def load_weasyprint() -> Any:
    """WeasyPrint, imported once per process; on Linux without running `find_library`."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        with _deferred_font_tools():
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


def load_weasyprint_module(name: str) -> types.ModuleType:
    """WeasyPrint's submodule `name` (as "urls"), WeasyPrint loaded first as above."""
    load_weasyprint()
    return importlib.import_module(f"weasyprint.{name}")


def font_configuration(html: str) -> Any:
    """One font configuration per process for the installed fonts, so a long `--watch` does
    not grow by one per rebuild; a document with its own @font-face (a brand's font files)
    gets a fresh one, so a changed font file is never served stale."""
    if "@font-face" in html:
        return load_weasyprint_module("text.fonts").FontConfiguration()
    return shared_font_configuration()


@cache
def shared_font_configuration() -> Any:
    """WeasyPrint's font configuration for the installed fonts, one per process."""
    return load_weasyprint_module("text.fonts").FontConfiguration()


def fontconfig_of(configuration: Any) -> Any:
    """The fontconfig `FcConfig *` that a WeasyPrint font configuration has loaded."""
    return configuration._config


def page_box(page: Any) -> Any:
    """The root box of a laid-out WeasyPrint page (its margins, borders and content box)."""
    return page._page_box


def _not_found(name: str) -> None:
    return None


_DEFERRED_MODULES = ("fontTools.subset", "fontTools.varLib.instancer")
"""What WeasyPrint imports but needs only without HarfBuzz's subsetter or for variable fonts."""


class _LoadedOnUse(types.ModuleType):
    """Stands in for a module while WeasyPrint is imported: once out of `sys.modules`, any
    attribute asked of it comes from the real module, imported then."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


@contextmanager
def _deferred_font_tools() -> Iterator[None]:
    """While the block imports WeasyPrint, `_DEFERRED_MODULES` are stand-ins; then they are
    taken out of `sys.modules`, so every other import gets the real modules.

    WeasyPrint imports `instantiateVariableFont` by name: its stand-in loads the real one
    when called."""
    stand_ins = {name: _LoadedOnUse(name) for name in _DEFERRED_MODULES if name not in sys.modules}
    if instancer := stand_ins.get("fontTools.varLib.instancer"):
        instancer.instantiateVariableFont = _instantiate_variable_font  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _instantiate_variable_font(*arguments: Any, **options: Any) -> Any:
    """fontTools' `instantiateVariableFont`, imported on first call."""
    instancer = importlib.import_module("fontTools.varLib.instancer")
    return instancer.instantiateVariableFont(*arguments, **options)


def _forget_partial_import() -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
        del sys.modules[name]
