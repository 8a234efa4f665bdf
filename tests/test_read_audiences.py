"""Audience sections: what each edition reads, and the mistakes that stop a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError, ContentError
from briefing.read.document import read_briefing
from briefing.read.editions.sections import find_sections, keep_edition

BODY = """# Open

Everyone reads this.

::: only restricted, allies
Allies and restricted readers read this.

::: note
A nested div, closed on its own.
:::

::: table costs
:::

::: {.only audience="public"}
Only the public reads this.
:::

```markdown
::: only public
a fence shown as code
```
"""


def _edition(edition: str | None) -> str:
    sections = find_sections(BODY, Path("brief.md"), 1)
    return keep_edition(BODY, sections, edition)


def test_read_edition_keeps_its_sections_and_removes_the_others() -> None:
    restricted = _edition("restricted")
    assert "Allies and restricted readers read this." in restricted
    assert "A nested div, closed on its own." in restricted
    assert "Only the public reads this." not in restricted
    public = _edition("public")
    assert "Allies" not in public and "nested div" not in public
    assert "Only the public reads this." in public
    assert "::: only public\na fence shown as code" in public  # code is not a section
    assert "Everyone reads this." in public and "Everyone reads this." in restricted


def test_read_every_section_without_edition_and_no_fence_left() -> None:
    every = _edition(None)
    assert "Allies and restricted readers read this." in every
    assert "Only the public reads this." in every
    assert "::: only restricted" not in every and "{.only" not in every


def test_read_edition_keeps_every_line_number() -> None:
    assert _edition("public").count("\n") == BODY.count("\n")
    lines = _edition("public").split("\n")
    assert lines[BODY.split("\n").index("Only the public reads this.")] == (
        "Only the public reads this."
    )


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("text\n\n::: only restricted\nnever closed\n", "never closed", 3),
        ("::: only a\n::: only b\n:::\n:::\n", "cannot hold another", 2),
        ("::: only\n:::\n", "must name its editions", 1),
        ('::: {.only audience="bad name!"}\n:::\n', "must name its editions", 1),
    ],
)
def test_read_malformed_sections_are_errors_with_their_line(
    body: str, message: str, line: int
) -> None:
    with pytest.raises(ContentError, match=message) as raised:
        find_sections(body, Path("brief.md"), 1)
    assert raised.value.line == line


def _brief(tmp_path: Path, front: str, body: str) -> Path:
    path = tmp_path / "brief.md"
    path.write_text(f"---\ntitle: T\n{front}---\n\n{body}", encoding="utf-8")
    return path


def test_read_unknown_edition_is_an_error(tmp_path: Path) -> None:
    path = _brief(tmp_path, "", "# A\n\n::: only restricted\nSecret.\n:::\n")
    with pytest.raises(BriefingError, match="unknown edition 'press': its editions are restricted"):
        read_briefing(path, edition="press")
    plain = _brief(tmp_path, "", "# A\n")
    with pytest.raises(BriefingError, match="it has no editions"):
        read_briefing(plain, edition="public")


def test_read_section_for_an_undeclared_edition_is_an_error(tmp_path: Path) -> None:
    front = "editions: [public, restricted]\n"
    path = _brief(tmp_path, front, "# A\n\n::: only restriced\nSecret.\n:::\n")
    with pytest.raises(BriefingError, match="does not list: restriced"):
        read_briefing(path, edition="public")


def test_read_edition_gives_its_handling_lines_and_no_fallback_title_leaks(
    tmp_path: Path,
) -> None:
    front = (
        "editions:\n  public: {classification: OPEN, distribution: Anyone}\n"
        "  restricted: {classification: RESTRICTED}\ndistribution: Named readers\n"
    )
    body = "::: only restricted\n# Operation Nightjar\n:::\n\n# Public heading\n"
    path = tmp_path / "brief.md"
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    public = read_briefing(path, edition="public")
    assert (public.metadata.classification, public.metadata.distribution) == ("OPEN", "Anyone")
    assert public.metadata.title == "Public heading"
    assert public.editions == ("public", "restricted")
    restricted = read_briefing(path, edition="restricted")
    assert restricted.metadata.classification == "RESTRICTED"
    assert restricted.metadata.distribution == "Named readers"
    assert restricted.metadata.title == "Operation Nightjar"
