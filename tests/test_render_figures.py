"""Figures drawn from YAML data files: valid SVG, real text, greyscale-safe, clear errors."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pytest
import weasyprint
import yaml
from PIL import Image

from briefing.errors import ContentError
from briefing.read.figure_data import DRAWING_KINDS, Figure, load_figure
from briefing.render.charts.drawing import draw_figure
from briefing.render.charts.style import chart_style

from .conftest import PROJECT_ROOT
from .pdfread import render_page, squash

SVG = "{http://www.w3.org/2000/svg}"
DATA = PROJECT_ROOT / "content" / "data"
NATO_FIGURES = [DATA / "roles-overlap.yaml", DATA / "nato-eu-timeline.yaml"]

SAMPLES = {
    "overlap": """type: overlap
caption: "Who does what"
alt: "Two overlapping boxes: Cats alone, Dogs alone, and both."
source: "Made up"
left: {label: "Cats & co", items: ["Purring loudly", "Climbing <trees>", "Ignoring everyone"]}
right: {label: "Dogs", items: ["Fetching sticks", "Guarding the house"]}
shared: ["Sleeping all afternoon", "Eating"]
""",
    "timeline": """type: timeline
caption: "A few years"
alt: "A timeline with three events."
source: ""
events:
  - {year: 1990, label: "The first event, with a label long enough to need wrapping"}
  - {year: 1995, label: "A second event"}
  - {year: 2010, label: "The last one & done"}
""",
}


def _load(text: str, name: str = "sample") -> Figure:
    return load_figure(Path(f"{name}.yaml"), text)


def _svg(figure: Figure) -> str:
    """The figure drawn, as the brief draws it."""
    return draw_figure(figure, chart_style("colour"))


def _texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


def _words(figure: Figure) -> tuple[list[str], list[str]]:
    """Every label, item and event text of a figure's data file; and those its alt must name."""
    data = yaml.safe_load(figure.path.read_text(encoding="utf-8"))  # the file as written
    if data["type"] == "overlap":
        zones = [data["left"], data["right"]]
        words = (
            [z["label"] for z in zones] + [i for z in zones for i in z["items"]] + data["shared"]
        )
        return words, words
    years = [str(event["year"]) for event in data["events"]]
    return years + [event["label"] for event in data["events"]], years


def _pdf(svg: str) -> bytes:
    """The SVG alone on a page exactly its size: one viewBox unit is one CSS px (0.75 pt)."""
    height = float(ET.fromstring(svg).get("viewBox", "").split()[3])
    b64 = base64.b64encode(svg.encode()).decode()
    html = (
        f"<style>@page {{ size: 640px {height}px; margin: 0 }} body {{ margin: 0 }}"
        " img { display: block; width: 640px }</style>"
        f'<img alt="x" src="data:image/svg+xml;base64,{b64}">'
    )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_chart_type_draws_well_formed_self_contained_svg(kind: str) -> None:
    figure = _load(SAMPLES[kind])
    root = ET.fromstring(_svg(figure))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 640 \d+", root.get("viewBox", ""))
    assert "href" not in _svg(figure) and "http" not in _svg(figure).replace(SVG[1:-1], "")
    texts = _texts(_svg(figure))
    assert texts
    for text in texts:
        assert text.get("font-family") == "Inter, Symbola"
        assert 11 <= float(text.get("font-size", "0")) <= 14
    assert _svg(figure) == _svg(_load(SAMPLES[kind]))  # deterministic
    if kind == "overlap":  # pattern ids come from the file name, never from chance
        assert 'id="f-sample-hatch"' in _svg(figure) and 'id="f-sample-dots"' in _svg(figure)


def test_every_chart_type_has_a_sample() -> None:
    assert set(DRAWING_KINDS) == set(SAMPLES)


def test_text_is_escaped_and_wrapped() -> None:
    figure = _load(SAMPLES["overlap"])
    lines = [text.text or "" for text in _texts(_svg(figure))]
    assert "Cats & co" in lines and "Climbing <trees>" in lines  # escaped, parsed back intact
    timeline = [text.text or "" for text in _texts(_svg(_load(SAMPLES["timeline"])))]
    assert "The first event, with a label long enough to need wrapping" not in timeline
    assert squash("".join(timeline)).count(squash("long enough to need wrapping")) == 1


@pytest.mark.parametrize("path", NATO_FIGURES, ids=lambda path: path.stem)
def test_nato_figures_load_with_all_their_text(path: Path) -> None:
    figure = load_figure(path, path.read_text(encoding="utf-8"))
    assert figure.name == path.stem and figure.path == path
    assert figure.caption and not figure.caption.startswith("Figure")
    assert len(figure.alt) > 80 and figure.source.startswith("the source article,")
    drawn = squash("".join(text.text or "" for text in _texts(_svg(figure))))
    words, described = _words(figure)
    for word in words:
        assert squash(word) in drawn, word
    for word in described:
        assert squash(word).lower() in squash(figure.alt).lower(), word


@pytest.mark.parametrize("path", NATO_FIGURES, ids=lambda path: path.stem)
def test_figure_text_is_real_text_in_the_pdf_and_stays_inside(path: Path) -> None:
    figure = load_figure(path, path.read_text(encoding="utf-8"))
    with pdfplumber.open(io.BytesIO(_pdf(_svg(figure)))) as document:
        page = document.pages[0]
        extracted = squash(page.extract_text() or "")
        chars = [(char["x0"] / 0.75, char["x1"] / 0.75) for char in page.chars]
    lines = [text.text or "" for text in _texts(_svg(figure))]  # hold every item (test above)
    for line in lines:
        assert squash(line) in extracted, line
    cards = [
        (float(rect.get("x", 0)), float(rect.get("x", 0)) + float(rect.get("width", 0)))
        for rect in ET.fromstring(_svg(figure)).iter(f"{SVG}rect")
        if rect.get("fill") == "#ffffff"
    ] or [(0.0, 640.0)]
    for x0, x1 in chars:  # each glyph lies inside one zone's card (or inside the figure)
        assert any(left + 2 <= x0 and x1 <= right - 2 for left, right in cards), (x0, x1)


def _region(image: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    """Crop a region given in viewBox units from a page rendered at scale 2 (1 unit = 1.5 px)."""
    x0, y0, x1, y1 = (round(value * 1.5) for value in box)
    return image.crop((x0, y0, x1, y1))


def test_overlap_regions_are_told_apart_by_texture_in_greyscale() -> None:
    path = NATO_FIGURES[0]
    figure = load_figure(path, path.read_text(encoding="utf-8"))
    image = render_page(_pdf(_svg(figure)), 0, 2, "L")
    rects = list(ET.fromstring(_svg(figure)).iter(f"{SVG}rect"))

    def box(rect: ET.Element) -> tuple[float, float, float, float]:
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        return x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0))

    nato = next(box(r) for r in rects if r.get("fill", "").endswith("-hatch)") and box(r)[2] > 300)
    eu = next(box(r) for r in rects if r.get("fill", "").endswith("-dots)") and box(r)[2] > 300)
    left, middle, right = sorted(box(r) for r in rects if r.get("fill") == "#ffffff")
    regions = {
        "NATO only": (nato[0] + 2, left[1] + 20, left[0] - 2, left[3] - 20),
        "EU only": (right[2] + 2, right[1] + 20, eu[2] - 2, right[3] - 20),
        "Both": (middle[0] + 10, middle[3] + 2, middle[2] - 10, nato[3] - 2),
    }
    darkness = {}
    for name, region in regions.items():
        crop = _region(image, region)
        low, high = crop.getextrema()
        assert high - low > 60, f"{name} is a flat tint: meaning would rest on colour alone"
        histogram = crop.histogram()
        darkness[name] = sum(histogram[:160]) / sum(histogram)
    # The overlap carries both patterns, so it is darker than either region alone.
    assert darkness["Both"] > max(darkness["NATO only"], darkness["EU only"])
    card = _region(image, (left[0] + 150, left[3] - 12, left[2] - 6, left[3] - 4))
    assert card.getextrema()[0] >= 250  # the text sits on plain white


def test_unknown_type_names_the_known_types_and_the_line() -> None:
    with pytest.raises(ContentError) as caught:
        _load('caption: "x"\nalt: "y"\ntype: pie\n', "pie")
    assert caught.value.line == 3
    assert "pie" in str(caught.value) and "overlap, timeline" in str(caught.value)
    assert "pie.yaml:3" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('type: timeline\ncaption: "x"\nevents: [{year: 1990, label: a}]\n', "alt", 1),
        ('type: overlap\ncaption: "x"\nalt: "   "\n', "alt", 3),
        ('type: timeline\nalt: "x"\ncaption: ""\n', "caption", 3),
        (SAMPLES["overlap"].replace("right: {", "right: [{").replace("]}\nshared", "]}]\nshared"),
         "right", 6),
        (SAMPLES["overlap"].replace('shared: ["Sleeping all afternoon", "Eating"]', "shared: 7"),
         "shared", 7),
        (SAMPLES["timeline"].replace("year: 1995", 'year: "mid-90s"'), "events[1].year", 5),
        (SAMPLES["timeline"].replace('label: "A second event"', "label: [x]"),
         "events[1].label", 5),
    ],
)  # fmt: skip
def test_bad_data_is_an_error_naming_the_key_and_its_line(text: str, key: str, line: int) -> None:
    with pytest.raises(ContentError) as caught:
        _load(text)
    assert f"`{key}" in caught.value.message
    assert caught.value.line == line


def test_a_data_file_that_is_not_a_mapping_is_an_error() -> None:
    with pytest.raises(ContentError, match="mapping"):
        _load("- just\n- a list\n")
