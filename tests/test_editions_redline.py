"""Two rendered bodies compared: words, sentences, moved paragraphs, table cells and figure
data, as the redline marks them and the "What changed" page names them."""

from __future__ import annotations

from briefing.editions.recorder import Recorder
from briefing.editions.redline import compare_bodies
from briefing.editions.words import compare_words
from briefing.read.labels import load_labels

LABELS, _ = load_labels("en")
LONG = "This paragraph is long enough to be recognised wherever it goes in the brief."


def _compare(old: str, new: str, marks: bool = True) -> tuple[str, list[str]]:
    recorder = Recorder(LABELS, marks)
    html = compare_bodies(old, new, recorder)
    return html, [
        f"{change.section}: {change.text} #{change.anchor}" for change in recorder.changes
    ]


def test_words_within_a_sentence_keep_the_markup_around_them() -> None:
    changes = compare_words(
        ["NATO was ", "founded", " in 1949. It grew fast. The end."],
        ["NATO was ", "established", " in 1949. The end."],
    )
    assert changes.deleted == ["founded", "It grew fast."]
    assert changes.inserted == ["established"]
    assert '<ins class="redline-inserted">established</ins>' in changes.html
    assert "It grew fast.<span" in changes.html  # the deleted sentence, struck where it stood


def test_a_rewritten_phrase_reads_as_one_change_not_confetti() -> None:
    changes = compare_words(
        ["The alliance will hold firm against every pressure this year."],
        ["The alliance may bend under the new pressure this year."],
    )
    assert changes.deleted == ["will hold firm against every"]
    assert changes.inserted == ["may bend under the new"]


def test_a_moved_paragraph_is_noted_where_it_went() -> None:
    old = f"<h2 id='a'>A</h2>\n<p>{LONG}</p>\n<h2 id='b'>B</h2>\n<p>Short.</p>"
    new = f"<h2 id='a'>A</h2>\n<h2 id='b'>B</h2>\n<p>Short.</p>\n<p>{LONG}</p>"
    html, changes = _compare(old, new)
    assert changes == [f"B: Moved here from ‘A’: “{' '.join(LONG.split()[:12])} …” #change-1"]
    assert 'class="redline-moved"' in html and "redline-deleted" not in html


def test_a_changed_cell_shows_its_old_value_and_names_its_row_and_column() -> None:
    table = (
        "<figure class='comparison' id='table-x'><table><caption>Table 1: Costs</caption>"
        "<thead><tr><th>Item</th><th>Cost</th></tr></thead>"
        "<tbody><tr><th>Fuel</th><td>{}</td></tr></tbody></table></figure>"
    )
    html, changes = _compare(table.format("12 million"), table.format("14 million"))
    assert changes == [
        "Before the first section: Table 1, ‘Fuel’, ‘Cost’: Changed: “12” → “14” #change-1"
    ]
    assert "12</span>" not in html and ">12<span" in html and ">14</ins>" in html


def test_changed_figure_data_is_noted() -> None:
    figure = (
        "<figure class='chart' id='figure-t'><img src='data:{0}' alt='1949: NATO. {0}: EU.'>"
        "<figcaption>Figure 1: Milestones</figcaption></figure>"
    )
    html, changes = _compare(figure.format("2002"), figure.format("2003"))
    assert changes == [
        "Before the first section: Figure 1 data changed: Changed: “2002:” → “2003:” #figure-t"
    ]
    assert '<span class="redline-note">data changed</span>' in html


def test_a_nested_list_item_with_text_before_its_list_is_compared() -> None:
    old = "<ul><li>Fuel costs\n<ul><li>Diesel</li></ul></li></ul>"
    new = "<ul><li>Fuel prices\n<ul><li>Diesel</li><li>Petrol</li></ul></li></ul>"
    html, changes = _compare(old, new)
    assert html.startswith('<ul><li><span id="change-1">Fuel <del')
    assert '<li id="change-2" class="redline-inserted-block"><ins' in html
    assert "</>" not in html and "< " not in html
    assert [change.split(": ", 1)[1] for change in changes] == [
        "Changed: “costs” → “prices” #change-1",
        "Added: “Petrol” #change-2",
    ]


def test_without_marks_the_body_is_the_new_one_with_anchors() -> None:
    html, changes = _compare("<p>Old words here.</p>", "<p>New words here.</p>", marks=False)
    assert html == '<p id="change-1">New words here.</p>'
    assert changes == ["Before the first section: Changed: “Old” → “New” #change-1"]
