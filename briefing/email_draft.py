"""The email profile's draft: a .eml message with the summary, the notice and the PDF attached."""

from __future__ import annotations

import datetime as dt
import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from jinja2 import Environment

from .content import Briefing
from .draft import is_draft
from .scripts import text_direction


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
    message["Subject"] = f"[DRAFT] {metadata.title}" if is_draft(briefing) else metadata.title
    message["Date"] = format_datetime(created)
    message["X-Unsent"] = "1"  # mail clients open it as a new message to send, not a received one
    message["MIME-Version"] = "1.0"
    message.set_content(environment.get_template("email.txt").render(context))
    message.add_alternative(environment.get_template("email.html").render(context), subtype="html")
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=context["attachment"]
    )
    return message.as_bytes()


def eml_path(output: Path) -> Path:
    """Where the draft goes: beside the PDFs, named like the brief profile's PDF."""
    return output.with_suffix(".eml")
