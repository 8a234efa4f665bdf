"""Safe YAML: plain data only, bounded aliases and depth, errors with file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ContentError

MAX_ALIASES = 100
"""More alias references than this in one document is refused (billion-laughs guard)."""

MAX_DEPTH = 32
"""Deeper nesting of lists and mappings than this is refused."""


_BAD_VALUE = (ValueError, KeyError, AttributeError, TypeError)
"""What PyYAML's constructors raise on a scalar their tag cannot read (a `!!bool x` is a
KeyError, a `!!timestamp soon` an AttributeError): never a traceback, an error on its line."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader (no Python tags) that counts aliases and nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.YAMLError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _bad_scalar_line(loader: yaml.SafeLoader, node: yaml.Node | None) -> int:
    """The line (from 0) of the first scalar under `node` that cannot be constructed."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left over from the failure
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop(0)
        if isinstance(current, yaml.ScalarNode):
            try:
                loader.construct_object(current, deep=True)
            except _BAD_VALUE:
                return int(current.start_mark.line)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return 0


def load_yaml(text: str, path: Path, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse `text` (which starts at `first_line` of `path`) into data plus top-level key lines.

    Raises:
        ContentError: on any YAML problem, with the line where it is.
    """
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)
        node = loader.get_single_node()
        try:
            data = loader.construct_document(node) if node is not None else None
        except _BAD_VALUE as error:  # 2026-02-30, `!!bool x`, `!!timestamp soon`
            line = first_line + _bad_scalar_line(loader, node)
            message = str(error) if isinstance(error, ValueError) else "not a value of its tag"
            raise ContentError(f"invalid value: {message}", path, line) from None
    except yaml.reader.ReaderError as error:
        line = first_line + text[: error.position].count("\n")
        raise ContentError(
            f"invalid YAML: control character {error.character!r} is not allowed", path, line
        ) from None
    except yaml.MarkedYAMLError as error:
        # The context (e.g. where an unclosed quote opened) says best where to look.
        mark = error.context_mark or error.problem_mark
        line = first_line + mark.line if mark else first_line
        problem = "; ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        raise ContentError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as error:
        raise ContentError(f"invalid YAML: {error}", path, first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return data, key_lines
