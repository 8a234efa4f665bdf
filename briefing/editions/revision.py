"""The new edition's body revised against the old one: the redline's marks (or none, for the
clean edition), the claims whose state changed, and the "What changed" page."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from markupsafe import Markup

from briefing.config import Config
from briefing.editions.html_tree import Element, Node, parse, serialize, text_of
from briefing.editions.previous import OldEdition, load_old_edition
from briefing.editions.recorder import Change, Recorder, quoted, with_attributes
from briefing.editions.redline import compare_bodies
from briefing.editions.words import compare_words, similarity
from briefing.errors import ContentError
from briefing.read.document import Briefing
from briefing.render.body import RenderedBody
from briefing.render.changes import ChangedSection, ChangeItem, ChangesPage

DIFFERENT_BRIEF = 0.25
"""Two editions whose titles differ and whose words are less alike than this are two briefs."""

Revision = Callable[[Briefing, RenderedBody], RenderedBody]


def revision_since(old: str, source: Path, config: Config, marks: bool) -> Revision:
    """Read the edition `old` names for the brief at `source` (its files in a temporary
    folder, removed once read) and return the revision against it."""
    with tempfile.TemporaryDirectory(prefix="briefing-old-edition-") as workspace:
        edition = load_old_edition(old, source, config, Path(workspace))
    return revision(edition, marks)


def revision(old: OldEdition, marks: bool) -> Revision:
    """What a build does to its rendered body: compare it with `old`'s, mark the changes
    when `marks` (the redline) and add the "What changed" page."""

    def revise(briefing: Briefing, body: RenderedBody) -> RenderedBody:
        check_same_brief(old, briefing, str(body.html))
        recorder = Recorder(briefing.labels, marks)
        revised = compare_bodies(old.body, str(body.html), recorder)
        revised, claim_changes = _claims(revised, old.briefing, briefing, recorder)
        changes = [*_summary_changes(old.briefing, briefing), *recorder.changes, *claim_changes]
        heading = briefing.labels.changes_since.replace("{date}", old.date)
        page = ChangesPage(heading, _by_section(changes), marks)
        return replace(body, html=Markup(revised), changes=page)

    return revise


def check_same_brief(old: OldEdition, briefing: Briefing, body: str) -> None:
    """Refuse to compare two different briefs: other titles and mostly other words."""
    if old.briefing.metadata.title == briefing.metadata.title:
        return
    alike = similarity(
        text_of(Element("", "", {}, parse(old.body))).split(),
        text_of(Element("", "", {}, parse(body))).split(),
    )
    if alike < DIFFERENT_BRIEF:
        raise ContentError(
            f"the old edition is a different brief: ‘{old.briefing.metadata.title}’, and "
            f"{100 - alike * 100:.0f}% of its text differs: compare editions of one brief",
            briefing.path,
        )


def _summary_changes(old: Briefing, new: Briefing) -> list[Change]:
    """The cover's summary points compared, one change per point that differs."""
    labels, section = new.labels, new.labels.bottom_line
    changes = []
    for point in new.metadata.summary:
        if point in old.metadata.summary:
            continue
        partner = next(
            (
                p
                for p in old.metadata.summary
                if p not in new.metadata.summary and similarity(p.split(), point.split()) >= 0.5
            ),
            None,
        )
        if partner is None:
            changes.append(Change(section, f"{labels.change_added}: {quoted(point)}", ""))
            continue
        words = compare_words([partner], [point], marks=False)
        old_words, new_words = " … ".join(words.deleted), " … ".join(words.inserted)
        text = f"{labels.change_changed}: {quoted(old_words)} → {quoted(new_words)}"
        changes.append(Change(section, text, ""))
    for point in old.metadata.summary:
        if point not in new.metadata.summary and not any(
            similarity(point.split(), p.split()) >= 0.5 for p in new.metadata.summary
        ):
            changes.append(Change(section, f"{labels.change_deleted}: {quoted(point)}", ""))
    return changes


def _claims(
    body: str, old: Briefing, new: Briefing, recorder: Recorder
) -> tuple[str, list[Change]]:
    """Claims newly verified, added or removed: each recorded where it is, a verified one
    noted in the margin of the redline."""
    labels = new.labels
    old_claims = list(dict.fromkeys(" ".join(claim.text.split()) for claim in old.claims))
    new_claims = [" ".join(claim.text.split()) for claim in new.claims]
    nodes = parse(body)
    changes: list[Change] = []
    for claim in (text for text in old_claims if text not in new_claims):
        found = _place(nodes, claim, recorder)
        if found is None:
            changes.append(
                Change(
                    labels.claims_to_verify, f"{labels.change_claim_removed}: {quoted(claim)}", ""
                )
            )
            continue
        section, anchor = found
        changes.append(Change(section, f"{labels.change_claim_verified}: {quoted(claim)}", anchor))
    for index, text in enumerate(new_claims, start=1):
        if text not in old_claims:
            found = _place(nodes, text, None)
            section = found[0] if found else labels.claims_to_verify
            changes.append(
                Change(section, f"{labels.change_claim_added}: {quoted(text)}", f"claim-{index}")
            )
    return serialize(nodes), changes


def _place(nodes: list[Node], text: str, recorder: Recorder | None) -> tuple[str, str] | None:
    """The section and anchor of the innermost block holding `text`; with a `recorder`, the
    block gets an id if it has none, and in the redline a note in the margin."""
    section = ""
    for index, node in enumerate(nodes):
        if not isinstance(node, Element):
            continue
        if node.tag == "h2":
            section = text_of(node)
        if text not in text_of(node):
            continue
        inner = _place(node.children, text, recorder)
        if inner is not None:
            return (inner[0] or section, inner[1])
        if recorder is None:
            return section, node.attributes.get("id", "")
        element, anchor = recorder.anchor(node)
        if recorder.marks:
            note = Element("span", '<span class="redline-note">', {}, [recorder.labels.verified])
            element = with_attributes(element, {}, "redline-verified")
            element.children = [note, *element.children]
        nodes[index] = element
        return section, anchor
    return None


def _by_section(changes: list[Change]) -> tuple[ChangedSection, ...]:
    """The changes grouped by section, sections in the order they first appear."""
    grouped: dict[str, list[ChangeItem]] = {}
    for change in changes:
        grouped.setdefault(change.section, []).append(ChangeItem(change.text, change.anchor))
    return tuple(ChangedSection(title, tuple(items)) for title, items in grouped.items())
