"""Reading a brand file: its keys checked, every problem reported with its line."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from briefing.brand.colours import parse_colour
from briefing.brand.model import (
    COLOUR_ROLES,
    Brand,
    FontFile,
    Logo,
)
from briefing.errors import BriefingError, BuildProblems, ConfigError, ContentWarning
from briefing.read.files import Door, read_text
from briefing.yamlio import load_yaml

_KNOWN = {
    (): ("meta", "color", "logo", "typography", "defaults"),
    ("color",): ("palette", *COLOUR_ROLES),
    ("logo",): ("images", "small", "medium", "large"),
    ("typography",): ("fonts", "base", "headings", "monospace", "monospace-inline",
                      "monospace-block", "link"),
}  # fmt: skip
_FONT_FORMATS = (".ttf", ".otf", ".woff", ".woff2")


def load_brand(path: Path, root: Path) -> Brand:
    """Read and check the brand file `path` of the project at `root`; report every problem.

    Raises:
        BriefingError: one problem, or `BuildProblems` listing each with its line.
    """
    door = Door(root.resolve(), marked=True)  # the brand and what it names: the project's
    text = read_text(path, door)
    data, _ = load_yaml(text, path)
    reader = _Reader(path, door, _key_lines(text))
    brand = reader.brand(data if data is not None else {})
    if reader.problems:
        problems = sorted(reader.problems, key=lambda problem: problem.line or 0)
        raise problems[0] if len(problems) == 1 else BuildProblems(list(problems))
    return brand


class _Reader:
    """Reads a brand file's data, collecting its problems with their lines."""

    def __init__(self, path: Path, door: Door, lines: dict[tuple[str, ...], int]) -> None:
        self.path, self.door, self.lines = path, door, lines
        self.problems: list[BriefingError] = []
        self.warnings: list[ContentWarning] = []
        self.palette: dict[str, str] = {}

    def problem(self, keys: tuple[str, ...], message: str) -> None:
        line = next(
            (self.lines[keys[:n]] for n in range(len(keys), 0, -1) if keys[:n] in self.lines), 1
        )
        self.problems.append(
            ConfigError(f"{'.'.join(keys) or 'brand'}: {message}", self.path, line)
        )

    def mapping(self, value: Any, keys: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(keys, f"must be key: value pairs, got {type(value).__name__}")
            return {}
        known = _KNOWN.get(keys)
        for key in value if known else ():
            if key not in known:  # type: ignore[operator]
                close = difflib.get_close_matches(str(key), known or (), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problem((*keys, str(key)), f"unknown key{hint}")
        return value

    def text(self, value: Any, keys: tuple[str, ...]) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(keys, f"must be text, got {value!r}")
            return ""
        return str(value).strip()

    def brand(self, data: Any) -> Brand:
        top = self.mapping(data, ())
        meta = self.mapping(top.get("meta"), ("meta",))
        name = (
            self.text(meta.get("name"), ("meta", "name"))
            if not isinstance(meta.get("name"), dict)
            else self.text(meta["name"].get("short") or meta["name"].get("full"), ("meta", "name"))
        )
        colours = self.colours(self.mapping(top.get("color"), ("color",)))
        typography = self.mapping(top.get("typography"), ("typography",))
        logos = self.logos(self.mapping(top.get("logo"), ("logo",)), name or "Logo")
        defaults = self.mapping(top.get("defaults"), ("defaults",))
        ours = self.mapping(defaults.get("briefing"), ("defaults", "briefing"))
        return Brand(
            path=self.path,
            name=name,
            colours=colours,
            cover_logo=logos.get("large") or logos.get("medium") or logos.get("small"),
            header_logo=logos.get("small") or logos.get("medium") or logos.get("large"),
            fonts=self.fonts(typography.get("fonts")),
            base_family=self.family(typography.get("base"), "base"),
            heading_family=self.family(typography.get("headings"), "headings"),
            monospace_family=self.family(typography.get("monospace"), "monospace"),
            heading_colour=self.element_colour(typography, "headings", colours),
            link_colour=self.element_colour(typography, "link", colours),
            footer=self.text(ours.get("footer"), ("defaults", "briefing", "footer")),
            warnings=tuple(self.warnings),
        )

    def colours(self, color: dict[str, Any]) -> dict[str, str]:
        palette: dict[str, str] = {}
        for key, value in self.mapping(color.get("palette"), ("color", "palette")).items():
            found = parse_colour(self.text(value, ("color", "palette", str(key))))
            if found is None:
                self.problem(
                    ("color", "palette", str(key)), f"must be a colour like #1f3a5f, got {value!r}"
                )
            else:
                palette[str(key)] = found
        self.palette = palette
        roles = {}
        for role in COLOUR_ROLES:
            if color.get(role) is not None:
                roles[role] = self.colour(color[role], ("color", role), palette)
        return {role: value for role, value in roles.items() if value}

    def colour(self, value: Any, keys: tuple[str, ...], palette: dict[str, str]) -> str:
        text = self.text(value, keys)
        found = palette.get(text) or parse_colour(text)
        if found is None:
            self.problem(keys, f"must be a colour like #1f3a5f or a palette name, got {text!r}")
        return found or ""

    def element_colour(self, typography: dict[str, Any], key: str, colours: dict[str, str]) -> str:
        element = typography.get(key)
        if not isinstance(element, dict) or element.get("color") is None:
            return ""
        # As in Quarto, a palette name or a role name (primary…) may name the colour.
        names = {**self.palette, **colours}
        return self.colour(element["color"], ("typography", key, "color"), names)

    def family(self, value: Any, key: str) -> str:
        if isinstance(value, dict):
            value = value.get("family")
        family = self.text(value, ("typography", key, "family"))
        if any(character in family for character in "\"'\\;{}<>\n"):
            self.problem(("typography", key), f"is not a font family name: {family!r}")
            return ""
        return family

    def logos(self, logo: dict[str, Any], alt: str) -> dict[str, Logo]:
        images = self.mapping(logo.get("images"), ("logo", "images"))
        found = {}
        for size in ("small", "medium", "large"):
            value = logo.get(size)
            if isinstance(value, dict) and "path" not in value:
                value = value.get("light") or value.get("dark")  # one logo on paper: light
            if value is None:
                continue
            if isinstance(value, str) and value in images:
                value = images[value]
            path_text = value.get("path") if isinstance(value, dict) else value
            alt_text = value.get("alt") if isinstance(value, dict) else None
            path = self.file(self.text(path_text, ("logo", size)), ("logo", size))
            if path:
                found[size] = Logo(path, self.text(alt_text, ("logo", size)) or alt)
        return found

    def fonts(self, value: Any) -> tuple[FontFile, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(("typography", "fonts"), "must be a list of fonts")
            return ()
        found: list[FontFile] = []
        for font in value:
            keys = ("typography", "fonts")
            font = self.mapping(font, keys)
            family = self.family(font.get("family"), "fonts")
            source = self.text(font.get("source"), keys) or "file"
            if source == "system":
                continue
            if source != "file":
                message = (
                    f"font '{family}' (source: {source}) needs the network: download its "
                    "files and use source: file; the theme's fonts are used instead"
                )
                self.warnings.append(ContentWarning(self.path, self.lines.get(keys), message))
                continue
            files = font.get("files") or []
            for item in files if isinstance(files, list) else [files]:
                entry = item if isinstance(item, dict) else {"path": item}
                path = self.file(self.text(entry.get("path"), keys), keys)
                if path and path.suffix.lower() not in _FONT_FORMATS:
                    self.problem(
                        keys, f"{path.name} is not a font file ({', '.join(_FONT_FORMATS)})"
                    )
                elif path:
                    found.append(FontFile(family, path, *self.face(entry, keys)))
        return tuple(found)

    def face(self, entry: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, str]:
        weight = self.text(entry.get("weight"), keys) or "400"
        weight = {"normal": "400", "bold": "700"}.get(weight, weight)
        style = self.text(entry.get("style"), keys) or "normal"
        if not weight.isdigit() or not 1 <= int(weight) <= 1000:
            self.problem(keys, f"weight must be normal, bold or 100-900, got {weight!r}")
        if style not in ("normal", "italic", "oblique"):
            self.problem(keys, f"style must be normal, italic or oblique, got {style!r}")
        return weight, style

    def file(self, text: str, keys: tuple[str, ...]) -> Path | None:
        if not text:
            self.problem(keys, "needs a path")
            return None
        path = self.path.parent / text
        refusal = self.door.refusal(path)
        if refusal:
            self.problem(keys, f"{text} refused: {refusal}")
        elif not path.is_file():
            self.problem(keys, f"file not found: {text}")
        else:
            return path.resolve()
        return None


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of every mapping key, by its path of keys from the top."""
    lines: dict[tuple[str, ...], int] = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines  # load_yaml has reported it already
    pending: list[tuple[tuple[str, ...], Any]] = [((), node)]
    while pending:
        keys, current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                path = (*keys, str(key.value))
                lines.setdefault(path, key.start_mark.line + 1)
                pending.append((path, value))
        elif isinstance(current, yaml.SequenceNode):
            pending.extend((keys, item) for item in current.value)
    return lines
