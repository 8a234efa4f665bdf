"""The email profile's draft: a .eml message with the summary, the notice and the PDF attached."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from jinja2 import Environment

from briefing.read.document import Briefing, is_draft
from briefing.read.writing_systems import text_direction


def attachment_name(briefing: Briefing, created: dt.datetime) -> str:
    """A predictable attachment file name: `<slug>-<date>.pdf`."""
    slug = re.sub(r"[^a-z0-9]+", "-", briefing.path.stem.lower()).strip("-") or "briefing"
    date = briefing.metadata.date
    if not isinstance(date, dt.date):  # none, or free-form text
        date = created.date()
    return f"{slug}-{date.isoformat()}.pdf"


def make_draft(
    briefing: Briefing,
    pdf: bytes,
    environment: Environment,
    created: dt.datetime,
) -> bytes:
    """A draft message: subject from the title, text and HTML bodies, the PDF attached."""
    metadata = briefing.metadata
    context = {
        "metadata": metadata,
        "labels": briefing.labels,
        "direction": text_direction(metadata.language),
        "attachment": attachment_name(briefing, created),
    }
    message = EmailMessage(policy=SMTP)
    _set_subject(message, f"[DRAFT] {metadata.title}" if is_draft(briefing) else metadata.title)
    message["Date"] = format_datetime(created)
    message["X-Unsent"] = "1"  # mail clients open it as a new message to send, not a received one
    message["MIME-Version"] = "1.0"
    text, html = (
        environment.get_template(name).render(context) for name in ("email.txt", "email.html")
    )
    message.set_content(_without_controls(text))
    message.add_alternative(_without_controls(html), subtype="html")
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=context["attachment"]
    )
    return message.as_bytes()


def subject_text(title: str) -> str:
    """The title as one line of a Subject: line breaks and other white space become one space,
    and control characters (a YAML escape such as "\\0" or "\\x07") are left out, since a
    mail reader would show them as boxes or act on them."""
    kept = (
        " " if character.isspace() else character
        for character in title
        if character.isspace() or unicodedata.category(character) != "Cc"
    )
    return " ".join("".join(kept).split())


def _without_controls(text: str) -> str:
    """`text` without control characters other than line breaks and tabs (a NUL has no place
    in a message)."""
    return "".join(
        character
        for character in text
        if character in "\n\r\t" or unicodedata.category(character) != "Cc"
    )


def _set_subject(message: EmailMessage, title: str) -> None:
    """Set the Subject so that readers show `title` as written, spaces included: a title that
    is not plain ASCII, or that looks like an encoded word (`=?utf-8?b?…?=`), is encoded here
    as a whole, its spaces inside the encoded words. (The email package would pass an encoded
    word through as it is, and its folding drops a space that falls between two encoded words,
    which readers ignore.)"""
    subject = subject_text(title)
    if subject.isascii() and "=?" not in subject:
        message["Subject"] = subject
    else:
        message.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def eml_path(output: Path) -> Path:
    """Where the draft goes: beside the PDFs, named like the brief profile's PDF."""
    return output.with_suffix(".eml")
