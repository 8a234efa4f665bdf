"""Editions: the redline of an edited NATO brief against its last edition, and what the
embedded sources add to the PDF."""

from __future__ import annotations

import re
import statistics

from .briefs import copy_brief
from .pdfs import pdf_facts
from .processes import Bench, BenchError, build, log
from .report import Row, Target

DIFF_TARGET = 2.0
"""`briefing diff` should take at most this many cold builds."""

SOURCES_TARGET = 0.10
"""The embedded sources should add at most this share to the brief's PDF."""

EDIT_EVERY = 3
"""The heavy edit: every third sentence of the brief rewritten (its words reversed)."""

_SENTENCE = re.compile(r"(?<=[.!?]) +(?=[A-Z])")


def section_editions(bench: Bench) -> list[Row]:
    """The sources' share of the PDF, then `briefing diff` against the last edition's PDF."""
    return [_sources_share(bench), _diff(bench)]


def _sources_share(bench: Bench) -> Row:
    key, label = "editions.sources", "embedded sources, share of the brief's PDF"
    try:
        folder = bench.work / "sources"
        build(bench, [bench.nato], folder / "with.pdf")
        build(bench, [bench.nato], folder / "without.pdf", "--no-sources")
        with_sources = pdf_facts(folder / "with.pdf")
        without = pdf_facts(folder / "without.pdf")
    except BenchError as error:
        return Row(key, label, note=f"failed: {error}")
    added = with_sources.kilobytes - without.kilobytes
    share = added / without.kilobytes
    note = f"{without.kilobytes:.1f} KB without, {with_sources.kilobytes:.1f} KB with"
    ratios = {"the PDF without them": share}
    target = Target(SOURCES_TARGET, "the PDF without them")
    return Row(key, label, added, "KB", ratios, target, note)


def _diff(bench: Bench) -> Row:
    key, label = "editions.diff", "briefing diff (a heavily edited brief against its last PDF)"
    try:
        folder = bench.work / "editions"
        [source] = copy_brief(bench.nato, folder, ["brief.md"])
        old = folder / "old.pdf"
        build(bench, [source], old)
        source.write_text(heavily_edited(source.read_text(encoding="utf-8")), encoding="utf-8")
        seconds = []
        for run in range(max(2, bench.runs)):
            log(f"editions: briefing diff, run {run + 1}")
            redline = folder / "redline.pdf"
            run_diff = build(bench, [], None, "diff", str(old), str(source), "-o", str(redline))
            seconds.append(run_diff.seconds)
        facts = pdf_facts(redline)
    except BenchError as error:
        return Row(key, label, note=f"failed: {error}")
    median = statistics.median(seconds)
    note = f"median of {len(seconds)}; {facts.describe()}"
    if "speed.cold" not in bench.figures:
        return Row(key, label, median, "s", note=note)
    ratios = {"cold build": median / bench.figures["speed.cold"]}
    return Row(key, label, median, "s", ratios, Target(DIFF_TARGET, "cold build"), note)


def heavily_edited(text: str) -> str:
    """`text` with every `EDIT_EVERY`-th sentence of its paragraphs rewritten (its words in
    reverse order): a third of the brief changed, for difflib to work through."""
    body_start = text.index("\n---\n", 4) + 5
    lines, counted = text[body_start:].split("\n"), 0
    for number, line in enumerate(lines):
        if not line or line.startswith(("#", ":::", "-", "{?", "@", "!")):
            continue
        sentences = _SENTENCE.split(line)
        for index, sentence in enumerate(sentences):
            counted += 1
            if counted % EDIT_EVERY == 0:
                sentences[index] = " ".join(reversed(sentence.split(" ")))
        lines[number] = " ".join(sentences)
    return text[:body_start] + "\n".join(lines)
