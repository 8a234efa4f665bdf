"""Two rendered bodies compared block by block: blocks aligned (difflib), an edited block's words
compared, a new block marked, a deleted one kept struck through where it stood, a moved one
noted where it went; every change recorded with the section it is in and an anchor."""

from __future__ import annotations

import html
from difflib import SequenceMatcher

from briefing.editions.html_tree import BLOCKS, Element, Node, parse, serialize, text_of
from briefing.editions.recorder import Recorder, quoted, with_attributes
from briefing.editions.words import (
    PAIRING_RATIO,
    WordChanges,
    compare_words,
    similarity,
    struck,
)
from briefing.read.labels import Labels

MOVED_MINIMUM = 40
"""A paragraph shorter than this many characters found elsewhere is not called moved."""


def compare_bodies(old_html: str, new_html: str, recorder: Recorder) -> str:
    """The new body, compared with the old: marked when `recorder.marks`, changes recorded."""
    old, new = _blocks(parse(old_html)), _blocks(parse(new_html))
    _find_moves(old, new, recorder)
    return compare_blocks(old, new, recorder)


def _blocks(nodes: list[Node]) -> list[Element]:
    """`nodes` as blocks: a run of inline content (text between blocks) becomes one anonymous
    block; whitespace between blocks is dropped."""
    blocks: list[Element] = []
    run: list[Node] = []
    for node in [*nodes, None]:
        if node is not None and not (isinstance(node, Element) and node.tag in BLOCKS):
            run.append(node)
            continue
        if any(isinstance(item, Element) or item.strip() for item in run):
            blocks.append(Element("", "", {}, run))
        run = []
        if node is not None:
            blocks.append(node)
    return blocks


def _find_moves(old: list[Element], new: list[Element], recorder: Recorder) -> None:
    """Paragraphs in both bodies that difflib does not align: moved, not deleted and added."""
    old_texts, new_texts = [text_of(b) for b in old], [text_of(b) for b in new]
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    aligned_old = {
        i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)
    }
    aligned_new = {
        j for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)
    }
    section, sections = "", dict[str, str]()
    for index, block in enumerate(old):
        if block.tag == "h2":
            section = old_texts[index]
        elif index not in aligned_old and len(old_texts[index]) >= MOVED_MINIMUM:
            sections.setdefault(old_texts[index], section)
    for index, text in enumerate(new_texts):
        if index not in aligned_new and text in sections:
            recorder.moved_from[text] = sections[text] or recorder.labels.change_opening
            recorder.moved_away.add(text)


def compare_blocks(old: list[Element], new: list[Element], recorder: Recorder) -> str:
    """The new blocks, each compared with the old block it replaces, if any."""
    matcher = SequenceMatcher(None, _keys(old), _keys(new), autojunk=False)
    written = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            for block in new[new_start:new_end]:
                _enter(block, recorder, added=False)
                written.append(serialize([block]))
            continue
        pending = list(range(old_start, old_end))
        for block in new[new_start:new_end]:
            partner = next((i for i in pending if _alike(old[i], block)), None)
            if partner is None:
                written.append(inserted(block, recorder))
                continue
            for index in pending[: pending.index(partner)]:
                written.append(deleted(old[index], recorder))
            pending = pending[pending.index(partner) + 1 :]
            written.append(compare_pair(old[partner], block, recorder))
        written += [deleted(old[index], recorder) for index in pending]
    return "\n".join(item for item in written if item)


def _keys(blocks: list[Element]) -> list[str]:
    """What is compared to align blocks: their kind, their text and what they draw."""
    return [f"{block.tag} {text_of(block)} {_data(block)}" for block in blocks]


def _data(block: Element) -> str:
    """What a block draws besides its text: each image's description and source."""
    images = [n for n in _descendants(block) if n.tag == "img"]
    return " ".join(
        image.attributes.get("alt", "") + image.attributes.get("src", "") for image in images
    )


def _descendants(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        if isinstance(child, Element):
            found += [child, *_descendants(child)]
    return found


def _alike(old: Element, new: Element) -> bool:
    """Whether `new` is `old` edited: the same kind of block, words alike enough."""
    if old.tag != new.tag or (
        new.tag == "figure" and old.attributes.get("id") != new.attributes.get("id")
    ):
        return False
    if new.tag in ("tr", "li", "td", "th", "figure", "table"):
        return True
    return similarity(text_of(old).split(), text_of(new).split()) >= PAIRING_RATIO


def _enter(block: Element, recorder: Recorder, added: bool) -> None:
    """Follow the new brief's sections: a level-one heading starts one."""
    if block.tag == "h2":
        recorder.section = text_of(block)
        recorder.new_section = added


def compare_pair(old: Element, new: Element, recorder: Recorder) -> str:
    """`new`, an edit of `old`: its blocks or its words compared."""
    _enter(new, recorder, added=False)
    if new.tag == "table":
        _enter_table(new, recorder)
    elif new.tag == "tr":
        recorder.row = [cell for cell in new.children if isinstance(cell, Element)]
    if old.has_blocks() or new.has_blocks():
        inner = compare_blocks(_blocks(old.children), _blocks(new.children), recorder)
        note = _figure_note(old, new, recorder)
        return new.start + note + inner + new.end
    words = compare_words(old.children, new.children, recorder.marks, recorder.labels.deleted)
    if not words.changed:
        return serialize([new])
    element, anchor = recorder.anchor(new)
    recorder.record(_cell(new, recorder) + _describe(words, recorder.labels), anchor)
    if recorder.marks and new.tag:
        element = with_attributes(element, {}, "redline-changed")
    return element.start + words.html + element.end


def _enter_table(table: Element, recorder: Recorder) -> None:
    """Note the table's name ("Table 2") and its column headings."""
    captions = [n for n in _descendants(table) if n.tag == "caption"]
    recorder.table = text_of(captions[0]).split(":")[0] if captions else ""
    heads = [n for n in _descendants(table) if n.tag == "thead"]
    recorder.headings = (
        [text_of(n) for n in _descendants(heads[0]) if n.tag == "th"] if heads else []
    )


def _cell(cell: Element, recorder: Recorder) -> str:
    """Where a changed cell is: "Table 2, ‘Counter-terrorism’, ‘How it works’: "."""
    if cell.tag not in ("td", "th") or not recorder.row:
        return ""
    column = next((i for i, other in enumerate(recorder.row) if other is cell), -1)
    place = [recorder.table, f"‘{text_of(recorder.row[0])}’"]
    if 0 <= column < len(recorder.headings):
        place.append(f"‘{recorder.headings[column]}’")
    return ", ".join(filter(None, place)) + ": "


def _figure_note(old: Element, new: Element, recorder: Recorder) -> str:
    """For a figure whose data changed: the change recorded, and a note in the margin."""
    if new.tag != "figure" or _data(old) == _data(new):
        return ""
    image = next((n for n in _descendants(new) if n.tag == "img"), None)
    caption = next((n for n in _descendants(new) if n.tag == "figcaption"), None)
    name = text_of(caption).split(":")[0] if caption else ""
    anchor = new.attributes.get("id", "")
    alts = [
        next((n.attributes.get("alt", "") for n in _descendants(b) if n.tag == "img"), "")
        for b in (old, new)
    ]
    words = compare_words([alts[0]], [alts[1]], marks=False)
    detail = f": {_describe(words, recorder.labels)}" if words.changed else ""
    recorder.record(f"{name} {recorder.labels.change_figure}{detail}".strip(), anchor)
    if not recorder.marks or image is None:
        return ""
    return f'<span class="redline-note">{html.escape(recorder.labels.change_figure)}</span>'


def _describe(words: WordChanges, labels: Labels) -> str:
    """One line for a block's word changes."""
    old, new = " … ".join(words.deleted), " … ".join(words.inserted)
    if old and new:
        return f"{labels.change_changed}: {quoted(old)} → {quoted(new)}"
    if new:
        return f"{labels.change_added}: {quoted(new)}"
    return f"{labels.change_deleted}: {quoted(old)}"


def inserted(block: Element, recorder: Recorder) -> str:
    """A new block: its words marked, the change recorded (once for a whole new section)."""
    _enter(block, recorder, added=True)
    text = text_of(block)
    if block.tag == "h2":
        element, anchor = recorder.anchor(block)
        recorder.record(f"{recorder.labels.change_section_added}: {quoted(text)}", anchor)
    elif text in recorder.moved_from:
        element, anchor = recorder.anchor(block)
        source = recorder.moved_from[text]
        recorder.record(f"{recorder.labels.change_moved} ‘{source}’: {quoted(text)}", anchor)
        if recorder.marks:
            element = with_attributes(element, {}, "redline-moved")
        return serialize([element])
    elif recorder.new_section or not text:
        element, anchor = block, ""
    else:
        element, anchor = recorder.anchor(block)
        recorder.record(f"{recorder.labels.change_added}: {quoted(text)}", anchor)
    if not recorder.marks:
        return serialize([element])
    marked = with_attributes(element, {}, "redline-inserted-block") if element.tag else element
    return marked.start + _marked_inside(block) + marked.end


def _marked_inside(block: Element) -> str:
    """Every run of words inside `block` marked as inserted, its markup kept."""
    if not block.has_blocks():
        return compare_words([], block.children).html
    return "".join(
        child.start + _marked_inside(child) + child.end
        if isinstance(child, Element)
        else html.escape(child, quote=False)
        for child in block.children
    )


def deleted(block: Element, recorder: Recorder) -> str:
    """A block that is gone: its words struck through where it stood (never a heading, so it
    makes no bookmark), the change recorded; a moved block is noted where it went instead."""
    text = text_of(block)
    if not text or text in recorder.moved_away:
        return ""
    recorder.counter += 1
    anchor = f"change-{recorder.counter}"
    recorder.record(f"{recorder.labels.change_deleted}: {quoted(text)}", anchor)
    if not recorder.marks:
        return f'<span class="change-anchor" id="{anchor}"></span>'
    struck = deleted_words(text, recorder.labels)
    if block.tag == "tr":
        cells = "".join(
            f"<td>{deleted_words(text_of(cell), recorder.labels)}</td>"
            for cell in block.children
            if isinstance(cell, Element)
        )
        return f'<tr class="redline-deleted-block" id="{anchor}">{cells}</tr>'
    tag = block.tag if block.tag in ("li", "td", "th", "dt", "dd") else "p"
    return f'<{tag} class="redline-deleted-block" id="{anchor}">{struck}</{tag}>'


def deleted_words(text: str, labels: Labels) -> str:
    """`text` struck through, labelled for a screen reader or a search."""
    return struck(text, labels.deleted) if text else ""
