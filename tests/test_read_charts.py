"""Chart data files read at read time: typed values, alt text made from the data, and every
error and warning with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.errors import BuildProblems, ContentError
from briefing.read.charts.model import Chart
from briefing.read.charts.numbers import format_number
from briefing.read.document import read_briefing
from briefing.read.figure_data import Figure, load_figure
from briefing.read.labels import load_labels

from .conftest import MINIMAL_BRIEF, WriteProject

BAR = """type: bar
caption: "Defence spending, share of GDP"
x: Member
y: ["2014", "2024"]
unit: "%"
columns: [Member, "2014", "2024"]
rows:
  - [Poland, 1.9, 4.1]
  - [Germany, 1.2, 2.1]
  - [Spain, 0.9, 1.3]
"""


def _chart(text: str, language: str = "en", name: str = "chart") -> Figure:
    return load_figure(Path(f"{name}.yaml"), text, load_labels(language)[0])


def _error(text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        _chart(text)
    return caught.value


def test_a_bar_chart_is_read_into_typed_series() -> None:
    figure = _chart(BAR)
    chart = figure.chart
    assert isinstance(chart, Chart) and chart.kind == "bar" and chart.x_name == "Member"
    assert chart.categories == ("Poland", "Germany", "Spain")
    assert [series.name for series in chart.series] == ["2014", "2024"]
    assert chart.series[1].values == (4.1, 2.1, 1.3)
    assert chart.csv_text().splitlines()[:2] == ["Member,2014,2024", "Poland,1.9,4.1"]


def test_the_generated_alt_text_names_kind_range_highest_and_lowest() -> None:
    alt = _chart(BAR).alt
    assert alt.startswith("Bar chart of Defence spending, share of GDP (2014, 2024), by Member.")
    assert "from 0.9% to 4.1%" in alt
    assert "Highest: Poland, 2024 (4.1%)" in alt and "lowest: Spain, 2014 (0.9%)" in alt
    french = _chart(BAR, "fr").alt
    assert french.startswith("Diagramme en barres") and "4,1\u00a0%" in french


def test_a_given_alt_text_is_kept() -> None:
    assert _chart(BAR + 'alt: "Poland spends most."\n').alt == "Poland spends most."


def test_a_line_over_dates_is_described_by_its_trend() -> None:
    text = """type: line
caption: "Readiness"
columns: [Month, Army]
rows:
  - [2024-07-01, 70]
  - [2024-01-01, 61.5]
  - ["2025-01", 78]
"""
    chart = _chart(text).chart
    assert chart is not None and chart.dated
    assert chart.categories[0] == dt.date(2024, 1, 1)  # sorted by date
    assert "Army rises from 61.5 in Jan 2024 to 78 in Jan 2025." in _chart(text).alt
    assert "janv. 2024" in _chart(text, "fr").alt


def test_numbers_are_written_for_the_language() -> None:
    assert format_number(1234.5, "fr") == "1\u202f234,5"
    assert format_number(4.1, "fr") == "4,1"
    assert format_number(1234.5, "de") == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"


def test_an_unknown_column_names_the_closest_one_and_its_line() -> None:
    error = _error(BAR.replace("x: Member", "x: Membr"))
    assert (
        error.line == 3 and "'Membr'" in error.message and "did you mean 'Member'" in error.message
    )
    error = _error(BAR.replace('y: ["2014", "2024"]', 'y: ["2014", "2042"]'))
    assert error.line == 4 and "did you mean '2024'" in error.message


def test_a_cell_that_is_no_number_is_an_error_on_its_row() -> None:
    error = _error(BAR.replace("[Germany, 1.2, 2.1]", "[Germany, 1.2, n/a]"))
    assert error.line == 9 and "'n/a'" in error.message and "'2024'" in error.message
    assert "chart.yaml:9" in str(error)


def test_a_negative_value_in_a_hundred_percent_stack_is_an_error() -> None:
    text = BAR.replace("type: bar", "type: stacked-bar\npercent: true").replace("0.9", "-0.9")
    error = _error(text)
    assert error.line == 11 and "negative" in error.message
    assert _chart(text.replace("percent: true", "percent: false")).chart is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (BAR.replace("1.9, 4.1", "null, 4.1").replace("1.2, 2.1", "'', 2.1")
         .replace("0.9, 1.3", "—, 1.3"), "series '2014' has no values"),
        ("type: bar\ncaption: Many\ncolumns: [A, B]\nrows:\n"
         + "".join(f"  - [c{n}, {n}]\n" for n in range(13)), "13 categories"),
        ("type: line\ncaption: Many\ncolumns: [A, s1, s2, s3, s4, s5, s6, s7]\nrows:\n"
         "  - [1, 1, 2, 3, 4, 5, 6, 7]\n  - [2, 1, 2, 3, 4, 5, 6, 7]\n", "7 series"),
    ],
)  # fmt: skip
def test_charts_hard_to_read_warn_and_suggest_a_table(text: str, found: str) -> None:
    figure = _chart(text)
    messages = [warning.message for warning in figure.warnings]
    assert any(found in message for message in messages), messages
    if "series '2014'" not in found:
        assert any("::: table" in message for message in messages)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("labels: direct", "labels: inline"), 11, "`labels` must be legend or direct"),
        (("x: Member", "x: Member\nhighlight: Polend"), 4, "did you mean 'Poland'"),
        (('unit: "%"', "y_max: high"), 5, "`y_max` must be a number"),
        (("rows:\n", "rows:\n  - [Italy, 1]\n"), 8, "a row has 2 cells, the header has 3"),
    ],
)
def test_bad_options_are_errors_with_their_line(
    change: tuple[str, str], line: int, words: str
) -> None:
    text = (BAR + "labels: direct\n").replace(*change)
    error = _error(text)
    assert words in error.message and error.line == line


def test_every_problem_of_a_chart_file_is_reported_each_on_its_line(
    write_project: WriteProject,
) -> None:
    """A missing column, two cells that are no numbers and a bad option: four lines, one build."""
    text = (
        BAR.replace('y: ["2014", "2024"]', 'y: ["2014", "2024", "2034"]')
        .replace("[Germany, 1.2, 2.1]", "[Germany, n/a, 2.1]")
        .replace("[Spain, 0.9, 1.3]", "[Spain, 0.9, tbc]")
        + "labels: inline\n"
    )
    project = write_project({
        "brief.md": MINIMAL_BRIEF + "\n::: figure spend\n",
        "data/spend.yaml": text,
    })  # fmt: skip
    with pytest.raises(BuildProblems) as caught:
        read_briefing(project / "brief.md")
    found = [(problem.line, problem.message) for problem in caught.value.problems]
    assert [line for line, _ in found] == [4, 9, 10, 11], found
    assert "'2034'" in found[0][1] and "'n/a'" in found[1][1] and "'tbc'" in found[2][1]
    assert "`labels` must be" in found[3][1]


def test_a_chart_may_draw_a_tables_data_file(write_project: WriteProject) -> None:
    project = write_project({
        "brief.md": MINIMAL_BRIEF + "\n::: table spend\n\n::: figure spend-chart\n",
        "data/spend.csv": "# caption: Spending\nMember,2014,2024\nPoland,1.9,4.1\nSpain,0.9,x\n",
        "data/spend-chart.yaml": "type: bar\ncaption: Spending\ntable: spend\ny: '2014'\n",
    })  # fmt: skip
    briefing = read_briefing(project / "brief.md")
    chart = briefing.figures["spend-chart"].chart
    assert chart is not None and chart.series[0].values == (1.9, 0.9)
    assert project / "data" / "spend.csv" in briefing.digests  # a change to it rebuilds
    (project / "data" / "spend-chart.yaml").write_text("type: bar\ncaption: S\ntable: spend\n")
    with pytest.raises(ContentError) as caught:
        read_briefing(project / "brief.md")
    assert caught.value.path == project / "data" / "spend.csv" and caught.value.line == 4


def test_chart_warnings_reach_the_briefing(write_project: WriteProject) -> None:
    project = write_project({
        "brief.md": MINIMAL_BRIEF + "\n::: figure empty\n",
        "data/empty.yaml": "type: dot\ncaption: E\ncolumns: [A, B]\nrows:\n  - [a, null]\n",
    })  # fmt: skip
    warnings = read_briefing(project / "brief.md").warnings
    assert any("series 'B' has no values" in warning.message for warning in warnings)
