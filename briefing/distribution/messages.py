"""One email draft per recipient with an address: the brief's draft, addressed, their copy
attached."""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.parser import BytesParser
from email.policy import SMTP

from jinja2 import Environment

from briefing.distribution.recipients import Recipient
from briefing.read.document import Briefing
from briefing.render.email_message import make_draft


def make_copy_draft(
    briefing: Briefing,
    copy_pdf: bytes,
    recipient: Recipient,
    environment: Environment,
    created: dt.datetime,
) -> bytes:
    """The draft of `briefing` with `copy_pdf` attached, To: the recipient.

    The name goes in as a display name that the email package quotes or encodes (RFC 2047),
    so a comma, quotes or non-ASCII letters stay part of the name; line breaks were refused
    when the recipients file was read, so nothing can start a header of its own.
    """
    message = BytesParser(policy=SMTP).parsebytes(
        make_draft(briefing, copy_pdf, environment, created)
    )
    username, _, domain = recipient.email.rpartition("@")
    message["To"] = Address(display_name=recipient.name, username=username, domain=domain)
    del message["X-Unsent"]  # put back after To, where mail clients expect the headers
    message["X-Unsent"] = "1"
    return message.as_bytes()
