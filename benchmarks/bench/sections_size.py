"""PDF size: each profile of the NATO brief against the peers' PDFs of the same brief."""

from __future__ import annotations

from .pdfs import PdfFacts, pdf_facts
from .processes import Bench, BenchError, build
from .report import Row, Target

EMAIL_TARGET_KB = 85.0
"""The email PDF should weigh at most this, below every tagged peer."""

PROFILES = (("brief", ""), ("handout", "-handout"), ("email", "-email"))
"""Each profile and the suffix of its PDF's name."""

PEERS = (
    ("weasyprint", "raw WeasyPrint on briefing's HTML"),
    ("pandoc", "Pandoc → WeasyPrint"),
    ("typst", "Typst"),
)
"""The PDFs the speed section made, by key, with their labels."""

PEERS_LACK = "no cover, contents, claims page or running heads"
"""What the peers' PDFs leave out of what briefing prints (they have its text, tables and
figures: `peer_source.py`)."""


def section_size(bench: Bench) -> list[Row]:
    """The peers' PDFs first (made by the speed section), then briefing's three profiles
    from one `--profile all` build, each with its ratio to every peer."""
    peer_sizes: dict[str, float] = {}
    rows = []
    for key, label in PEERS:
        try:
            path = bench.outputs.get(f"speed.{key}")
            if path is None:
                raise BenchError("no PDF: its speed row failed or was skipped")
            facts = pdf_facts(path)
        except BenchError as error:
            rows.append(Row(f"size.{key}", label, note=str(error)))
            continue
        peer_sizes[label.split(" on ")[0]] = facts.kilobytes
        note = _describe(facts) + ("" if key == "weasyprint" else f"; {PEERS_LACK}")
        rows.append(Row(f"size.{key}", label, facts.kilobytes, "KB", note=note))
    output = bench.work / "profiles" / f"{bench.nato.stem}.pdf"
    try:
        build(bench, [bench.nato], output, "--profile", "all")
    except BenchError as error:
        failed = [
            Row(f"size.{name}", f"briefing, {name}", note=f"failed: {error}")
            for name, _ in PROFILES
        ]
        return [*failed, *rows]
    profile_rows = []
    for name, suffix in PROFILES:
        key, label = f"size.{name}", f"briefing, {name} profile"
        try:
            facts = pdf_facts(output.with_name(f"{bench.nato.stem}{suffix}.pdf"))
        except BenchError as error:
            profile_rows.append(Row(key, label, note=str(error)))
            continue
        ratios = {peer: facts.kilobytes / size for peer, size in peer_sizes.items()}
        target = Target(EMAIL_TARGET_KB) if name == "email" else None
        row = Row(key, label, facts.kilobytes, "KB", ratios, target, _describe(facts))
        profile_rows.append(row)
    return [*profile_rows, *rows]


def _describe(facts: PdfFacts) -> str:
    """`11 pages, 7.4 KB/page, tagged`: the page count and weight per page beside the size."""
    pages, tagged = facts.describe().split(", ", 1)
    return f"{pages}, {facts.kilobytes / max(facts.pages, 1):.1f} KB/page, {tagged}"
