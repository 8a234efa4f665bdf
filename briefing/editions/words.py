"""The words of two versions of one block compared: sentences aligned first, then the words of
each pair of sentences; deleted words kept (struck through) where they stood, inserted words
marked, the new block's markup kept whole."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from briefing.editions.html_tree import Node

_WORD = re.compile(r"[^\s]+\s*|\s+")
_PUNCTUATION = re.compile(r"[^\w]+")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*\s*$")
PAIRING_RATIO = 0.5
"""Two sentences (or blocks) at least this alike are one edited; less, one replaced."""


@dataclass(frozen=True)
class Token:
    """A word (with the space after it) or a tag; `key` is what is compared."""

    html: str
    key: str
    text: str = ""
    """The word as a reader sees it; empty for a tag."""


@dataclass
class WordChanges:
    """The marked-up HTML of a block's content and the words deleted and inserted."""

    label: str = "deleted"
    """What a screen reader or a search finds before deleted words."""
    html: str = ""
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether any word differs."""
        return bool(self.deleted or self.inserted)


def tokens(nodes: list[Node]) -> list[Token]:
    """The words and tags of inline content, in order."""
    found: list[Token] = []
    for node in nodes:
        if isinstance(node, str):
            found += [
                Token(html.escape(word, quote=False), word.strip(), word)
                for word in _WORD.findall(node)
            ]
            continue
        key = f"<{node.tag} {' '.join(sorted(node.classes))}>"  # ids and numbers aside
        found.append(Token(node.start, key))
        found += tokens(node.children)
        if node.end:
            found.append(Token(node.end, f"</{node.tag}>"))
    return found


def compare_words(
    old: list[Node], new: list[Node], marks: bool = True, label: str = "deleted"
) -> WordChanges:
    """Compare inline content `old` with `new`: the new content, marked when `marks`, each
    deleted passage introduced by `label` for screen readers and searches."""
    old_sentences, new_sentences = _sentences(tokens(old)), _sentences(tokens(new))
    result = WordChanges(label)
    matcher = SequenceMatcher(
        None, [_key(s) for s in old_sentences], [_key(s) for s in new_sentences], autojunk=False
    )
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            result.html += "".join(
                token.html for s in new_sentences[new_start:new_end] for token in s
            )
            continue
        pending = list(range(old_start, old_end))
        for index in range(new_start, new_end):
            partner = _partner(new_sentences[index], old_sentences, pending)
            if partner is not None:
                for earlier in pending[: pending.index(partner)]:
                    _delete(result, old_sentences[earlier], marks)
                pending = pending[pending.index(partner) + 1 :]
                _compare_sentence(result, old_sentences[partner], new_sentences[index], marks)
            else:
                later = new_sentences[index + 1 : new_end]
                while pending and not any(
                    _partner(s, old_sentences, pending[:1]) is not None for s in later
                ):
                    _delete(result, old_sentences[pending.pop(0)], marks)
                _insert(result, new_sentences[index], marks)
        for earlier in pending:
            _delete(result, old_sentences[earlier], marks)
    return result


def _sentences(found: list[Token]) -> list[list[Token]]:
    """`found` cut after each word that ends a sentence."""
    sentences: list[list[Token]] = [[]]
    for token in found:
        sentences[-1].append(token)
        if token.text and _SENTENCE_END.search(token.text):
            sentences.append([])
    return [sentence for sentence in sentences if sentence]


def _key(sentence: list[Token]) -> str:
    return " ".join(token.key for token in sentence if token.key)


def _words(sentence: list[Token]) -> list[str]:
    """The words of `sentence` as compared for pairing: without case or punctuation."""
    words = (_PUNCTUATION.sub("", token.key).lower() for token in sentence if token.text)
    return [word for word in words if word]


def similarity(old: list[str], new: list[str]) -> float:
    """How alike two lists of words are, from 0 to 1."""
    if not old and not new:
        return 1.0
    return SequenceMatcher(None, old, new, autojunk=False).ratio()


def _partner(sentence: list[Token], old: list[list[Token]], pending: list[int]) -> int | None:
    """The first pending old sentence alike enough to be `sentence` edited."""
    words = _words(sentence)
    for index in pending:
        if similarity(_words(old[index]), words) >= PAIRING_RATIO:
            return index
    return None


def _compare_sentence(result: WordChanges, old: list[Token], new: list[Token], marks: bool) -> None:
    matcher = SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    for operation, old_start, old_end, new_start, new_end in _merged(matcher.get_opcodes()):
        if operation == "equal":
            result.html += "".join(token.html for token in new[new_start:new_end])
            continue
        _delete(result, old[old_start:old_end], marks)
        _insert(result, new[new_start:new_end], marks)


def _merged(
    operations: Sequence[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with a run of one or two equal tokens between two changes folded into them, so
    that a rewritten phrase reads as one change, not as confetti."""
    merged: list[tuple[str, int, int, int, int]] = []
    for index, operation in enumerate(operations):
        name, old_start, old_end, _, new_end = operation
        between = 0 < index < len(operations) - 1 and old_end - old_start <= 2
        if merged and merged[-1][0] != "equal" and (name != "equal" or between):
            previous = merged.pop()
            operation = ("replace", previous[1], old_end, previous[3], new_end)
        merged.append(operation)
    return merged


def _delete(result: WordChanges, deleted: list[Token], marks: bool) -> None:
    """The words of `deleted`, struck through where they stood (their tags left out)."""
    text = "".join(token.text for token in deleted)
    if not text.strip():
        return
    result.deleted.append(" ".join(text.split()))
    if marks:
        result.html += struck(" ".join(text.split()), result.label) + " "  # spaces collapse


def _insert(result: WordChanges, inserted: list[Token], marks: bool) -> None:
    """The tokens of `inserted`, each run of words marked; tags kept as they are."""
    text = "".join(token.text for token in inserted)
    if text.strip():
        result.inserted.append(" ".join(text.split()))
    run: list[str] = []
    for token in [*inserted, Token("", "")]:
        if token.text:
            run.append(token.html)
            continue
        if run:
            joined = "".join(run)
            stripped = joined.rstrip()
            if marks and stripped:
                joined = f'<ins class="redline-inserted">{stripped}</ins>{joined[len(stripped) :]}'
            result.html += joined
            run = []
        result.html += token.html


def struck(text: str, label: str) -> str:
    """`text` struck through, kept where it stood and tagged as deleted: WeasyPrint tags a
    `<del>` as a plain span (no /ActualText), so the label is in the text itself, drawn
    invisibly: a screen reader reads it, a search and a copy find it, a reader sees the strike."""
    hidden = '<span class="redline-label">{}</span>'
    words = html.escape(text, quote=False)
    opening, closing = hidden.format(html.escape(f"[{label}: ")), hidden.format("]")
    return f'<del class="redline-deleted">{opening}{words}{closing}</del>'
