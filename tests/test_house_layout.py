"""The layout of the code: packages by stage, no import cycles, few deferred imports, argparse
only in the command line, and folders small enough to read. (The layer order itself is
import-linter's contract in pyproject.toml, run by `./tasks.sh test`.)"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

from .conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "briefing"

MAX_MODULES_PER_FOLDER = 15
MAX_DEFERRED_OWN_IMPORTS = 5
STAGES = ("briefing.pipeline.", "briefing.editions.")
PIPELINE = PACKAGE / "pipeline"
"""The build driver loads each stage when the build reaches it (WeasyPrint while the children
render and draw, Markdown only where it renders): its deferred imports are its job."""


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _deferred_own_imports(path: Path) -> list[str]:
    """The package's own modules that `path` imports inside a function."""
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefing"):
                found.append(f"{node.module} in {path.name}:{node.lineno}")
            elif isinstance(node, ast.Import):
                found += [alias.name for alias in node.names if alias.name.startswith("briefing")]
    return found


def _cycles(graph: grimp.ImportGraph, modules: list[str]) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan's strongly connected
    components, over every import, those inside functions included)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return groups


def test_no_module_is_part_of_an_import_cycle() -> None:
    graph = grimp.build_graph("briefing", cache_dir=None)
    modules = sorted(graph.modules)
    assert len(modules) > 60  # the whole package was read
    assert _cycles(graph, modules) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The test above can fail: two modules that import each other are found."""
    graph = grimp.ImportGraph()
    for module in ("a", "a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.one")
    graph.add_import(importer="a.three", imported="a.one")
    assert _cycles(graph, sorted(graph.modules)) == [["a.one", "a.two"]]


def test_few_own_modules_are_imported_inside_functions() -> None:
    """Only where an import of our own saves a third-party library's start-up time; the
    pipeline's, which load the stages in turn, import only stages (no cycle: grimp sees them)."""
    deferred = [
        found
        for _, path in _modules()
        if PIPELINE not in path.parents
        for found in _deferred_own_imports(path)
    ]
    assert len(deferred) <= MAX_DEFERRED_OWN_IMPORTS, deferred
    staged = [found for path in PIPELINE.glob("*.py") for found in _deferred_own_imports(path)]
    assert staged and all(name.startswith(STAGES) for name in staged), staged


def test_argparse_is_imported_only_by_the_command_line() -> None:
    users = [
        name
        for name, path in _modules()
        if "argparse" in path.read_text(encoding="utf-8")
        and any(
            isinstance(node, ast.Import) and any(a.name == "argparse" for a in node.names)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert users and all(name.startswith("briefing.cli.") for name in users), users


@pytest.mark.parametrize(
    "folder", sorted(path.parent for path in PACKAGE.rglob("__init__.py")), ids=str
)
def test_no_folder_holds_more_than_fifteen_modules(folder: Path) -> None:
    modules = [path for path in folder.glob("*.py") if path.name != "__init__.py"]
    assert len(modules) <= MAX_MODULES_PER_FOLDER, folder


def test_each_package_says_what_it_owns_and_what_it_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in docstring, init
