"""Markdown written for GitHub prints as GitHub shows it: code, anchors, alerts, task lists,
emoji, definition lists, details, wide images and tables, footnotes and mentions."""

from __future__ import annotations

import io
import re
from pathlib import Path

import markdown
import pdfplumber
import pypdf
import pytest
import weasyprint
from markdown.extensions.toc import TocExtension
from PIL import Image

from briefing.cli.main import main
from briefing.layout.engine import lost_footnotes
from briefing.render.github_markdown import GitHubExtension, github_extensions, github_slugs
from tests.conftest import MINIMAL_BRIEF, WriteProject, build_pdf
from tests.pdfread import bookmarks, page_texts

FRONT_MATTER = MINIMAL_BRIEF.split("# First section")[0]

GITHUB_DOCUMENT = """# From the repository — with setup

See [the setup](#from-the-repository--with-setup) and [the second usage](#usage-1).
Thanks to [@octocat](https://github.com/octocat) and @someone.

## Usage

Set `limits.memory` in the values, then `limits.memory` again and `limits.memory` once more
so that some inline code falls at the end of a line of this paragraph, then `limits.memory`.

## Usage

```bash
# install the tool
pip install briefing
```

~~~
# a tilde fence without a language
~~~

> [!NOTE]
> Useful information.

> [!WARNING]
> Careful now.

- [x] done task
- [ ] open task

Emoji :rocket: :tada: :heavy_check_mark: and :not_a_real_shortcode:

Term
:   The definition of the term.

<details>
<summary>Click to expand</summary>

Hidden paragraph inside details.

</details>

| Column one | Column two | Column three |
|---|---|---|
| averyveryveryverylongwordwithoutanybreakopportunities | two | https://example.com/a/b/c/d/e/f |

![A wide test image](wide.png)
"""

FOOTNOTES_DOCUMENT = """# Notes

A claim with a note[^one], another[^two] and a third[^three]; the first again[^one].

[^one]: First note text.
[^two]: Second note text.
[^three]: Third note text.
"""


def _build(write_project: WriteProject, body: str, files: dict[str, str | bytes]) -> Path:
    project = write_project({"brief.md": FRONT_MATTER + body, **files})
    output = project / "brief.pdf"
    assert main([str(project / "brief.md"), "-o", str(output)]) == 0
    return output


def _wide_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 300), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def github_pdf(write_project: WriteProject) -> Path:
    """The GitHub sample document, built as a brief."""
    return _build(write_project, GITHUB_DOCUMENT, {"wide.png": _wide_png()})


def _lines(pdf: Path) -> list[str]:
    return [line.strip() for text in page_texts(pdf) for line in text.splitlines()]


def test_fenced_code_stays_lines_of_code_not_headings(github_pdf: Path) -> None:
    lines = _lines(github_pdf)
    for code in (
        "# install the tool",
        "pip install briefing",
        "# a tilde fence without a language",
    ):
        assert code in lines
    titles = [bookmark.title for bookmark in bookmarks(github_pdf)]
    assert "From the repository — with setup" in titles
    assert not [title for title in titles if "install" in title or "tilde" in title]


def test_inline_code_is_never_hyphenated(github_pdf: Path) -> None:
    text = "\n".join(page_texts(github_pdf))
    assert text.count("limits.memory") == 4
    assert "lim-" not in text and "lim\u2010" not in text


def test_github_anchor_links_go_to_their_headings(github_pdf: Path) -> None:
    reader = pypdf.PdfReader(github_pdf)
    destinations = {
        str(annotation.get_object().get("/Dest"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    }
    assert {"from-the-repository--with-setup", "usage-1"} <= destinations
    assert {"from-the-repository--with-setup", "usage", "usage-1"} <= set(reader.named_destinations)


def test_mention_links_are_links_not_citations(github_pdf: Path) -> None:
    reader = pypdf.PdfReader(github_pdf)
    addresses = [
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert "https://github.com/octocat" in addresses
    assert "Thanks to @octocat and @someone." in " ".join(_lines(github_pdf))


def test_alerts_task_lists_emoji_definitions_and_details_print(github_pdf: Path) -> None:
    lines = _lines(github_pdf)
    for expected in (
        "NOTE",
        "Useful information.",
        "WARNING",
        "\u2611 done task",
        "\u2610 open task",
        "Term",
        "The definition of the term.",
        "Click to expand",
        "Hidden paragraph inside details.",
    ):
        assert expected in lines
    text = " ".join(lines)
    assert "\U0001f680" in text and "\U0001f389" in text and "\u2714" in text
    assert ":not_a_real_shortcode:" in text


def test_wide_images_and_tables_stay_inside_the_page(github_pdf: Path) -> None:
    with pdfplumber.open(github_pdf) as document:
        pages = document.pages
        images = [(page, image) for page in pages for image in page.images]
        assert images, "the wide image is missing"
        for page, image in images:
            assert image["x0"] >= 0 and image["x1"] <= page.width - 40
        words = [(page, word) for page in pages for word in page.extract_words()]
    table_words = [
        (page, word) for page, word in words if word["text"].startswith(("avery", "https://"))
    ]
    assert table_words
    for page, word in table_words:
        assert word["x1"] <= page.width - 40, word["text"]


def test_footnotes_sit_at_the_foot_of_the_page_of_their_call(write_project: WriteProject) -> None:
    pdf = _build(write_project, FOOTNOTES_DOCUMENT, {})
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = page.extract_words()
            calls = [word for word in words if word["text"].startswith("note")]
            if not calls:
                continue
            call_line = calls[0]["bottom"]
            for number, note in enumerate(("First", "Second", "Third"), start=1):
                marker = [word for word in words if word["text"] == f"{number}."]
                text = [word for word in words if word["text"] == note]
                assert marker and text, f"note {number} is not on the page of its call"
                assert text[0]["top"] > call_line + 100, f"note {number} is not at the foot"
            assert "again1." in page.extract_text().replace(" ", "")
            return
    pytest.fail("the footnote calls are missing")


def test_lost_footnotes_names_exactly_the_notes_missing_from_the_pdf() -> None:
    """WeasyPrint 70 drops notes it moved to the next page once it lays the pages out again
    (a contents page number makes it): near the page end the PDF loses some of them, and
    `lost_footnotes` must name exactly those, so the build can fall back to endnotes."""
    notes = "".join(f" and{_note(name)}" for name in "abc")
    results = []
    for count in range(86, 98):
        html = (
            "<style>@page { size: A6; margin: 10mm;"
            ' @bottom-center { content: counter(page) " of " counter(pages) } }'
            " html { font-family: Inter } .footnote { float: footnote }"
            " .contents a::after { content: target-counter(attr(href), page) }</style>"
            '<p class="contents"><a href="#last">Last</a></p>'
            f'<p>{"Filler text for the page. " * count}</p><p id="last">Call{notes}.</p>'
        )
        document = weasyprint.HTML(string=html).render()
        anchors = [anchor for page in document.pages for anchor in page.anchors]
        reader = pypdf.PdfReader(io.BytesIO(document.write_pdf()))
        text = "".join(page.extract_text() for page in reader.pages)
        in_pdf = {f"fn:{name}" for name in "abc" if f"Note {name}." in text}
        assert set(lost_footnotes(html, anchors)) == {"fn:a", "fn:b", "fn:c"} - in_pdf
        results.append(len(in_pdf))
    assert max(results) == 3


def test_a_build_never_loses_a_footnote_near_the_page_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where WeasyPrint would drop notes moved to the next page, the build falls back to
    endnotes with a warning; every note is in the PDF whatever the filler length."""
    fallbacks = 0
    # Three headings make a contents page, whose page numbers make WeasyPrint lay out again.
    for count in range(136, 149, 4):  # the note paragraph moves across the end of page 4
        source = tmp_path / f"notes-{count}.md"
        source.write_text(
            "# One\n\nA.\n\n# Two\n\nB.\n\n# Notes\n\n"
            + "Filler text for the page. " * count
            + "\n\n"
            "Call[^a] and[^b] and[^c].\n\n[^a]: Note a.\n[^b]: Note b.\n[^c]: Note c.\n"
        )
        output = source.with_suffix(".pdf")
        assert main([str(source), "-o", str(output)]) == 0
        text = "".join(page_texts(output))
        assert all(f"Note {name}." in text for name in "abc"), f"a note was lost at {count}"
        fallbacks += "could not be kept at the foot of their page" in capsys.readouterr().err
    assert fallbacks, "no filler length reached the page end: the test checks nothing"


def _note(name: str) -> str:
    return f'<span class="footnote" id="fn:{name}">Note {name}.</span>'


def _convert(source: str) -> str:
    return markdown.markdown(
        source,
        extensions=[
            "footnotes",
            TocExtension(slugify=github_slugs()),
            *github_extensions(),
            GitHubExtension(),
        ],
        output_format="html",
    )


def test_github_slugs_match_github() -> None:
    slug = github_slugs()
    assert slug("From the repository — with setup", "-") == "from-the-repository--with-setup"
    assert slug("Ünïcode: Überblick!", "-") == "ünïcode-überblick"
    assert slug("Ünïcode: Überblick!", "-") == "ünïcode-überblick-1"
    assert slug("Ünïcode: Überblick!", "-") == "ünïcode-überblick-2"
    assert slug("Привет, мир", "-") == "привет-мир"


def test_a_note_with_several_paragraphs_keeps_the_paragraph_of_its_call_whole() -> None:
    html = _convert("Text[^long] after.\n\n[^long]: First part.\n\n    Second part.\n")
    assert html.startswith('<p>Text<span class="footnote" id="fn:long">')
    assert '<span class="footnote-block">First part.</span>' in html
    assert "after.</p>" in html and 'class="footnote"' in html
    assert '<div class="footnote">' not in html


def test_page_footnotes_can_be_turned_off_for_endnotes() -> None:
    html = markdown.markdown(
        "Text[^a].\n\n[^a]: The note.\n",
        extensions=["footnotes", GitHubExtension(page_footnotes=False)],
    )
    assert '<div class="footnote">' in html and "The note." in html


def test_an_anchor_inside_its_heading_is_one_destination_without_warnings(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str]
) -> None:
    body = '\n## <a id="where-are-the"></a>Where are the&hellip;?\n\nSee [them](#where-are-the).\n'
    pdf = _build(write_project, body, {})
    assert capsys.readouterr().err == ""
    assert "Where are the…?" in "".join(page_texts(pdf))


def test_a_link_address_gets_no_hyphen(write_project: WriteProject) -> None:
    address = "https://example.org/documentation/configuration/version-management/overview"
    body = "\n" + "Read the configuration guide at " * 3 + f"<{address}> today.\n"
    text = "".join(page_texts(_build(write_project, body, {})))
    assert "\u2010" not in text and "-\n" not in text.replace(address, "")
    assert re.sub(r"\s+", "", address) in re.sub(r"\s+", "", text)


def test_a_pipe_tables_column_alignment_survives_the_sanitiser(
    write_project: WriteProject,
) -> None:
    """`|:--|--:|` aligns its columns: the numbers' right edges line up, the names' left."""
    table = "| Country | Share |\n|:--------|------:|\n| Poland | 4.1 |\n| Spain | 1.28 |\n"
    source = write_project({"brief.md": MINIMAL_BRIEF + "\n" + table}) / "brief.md"
    pdf = build_pdf(source)
    with pdfplumber.open(pdf) as document:
        words = {word["text"]: word for page in document.pages for word in page.extract_words()}
    assert abs(words["4.1"]["x1"] - words["1.28"]["x1"]) < 0.5  # right-aligned
    assert abs(words["4.1"]["x0"] - words["1.28"]["x0"]) > 2  # not left-aligned
    assert abs(words["Poland"]["x0"] - words["Spain"]["x0"]) < 0.5
