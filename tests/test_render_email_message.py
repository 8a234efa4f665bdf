"""The email draft's Subject shows the title as written, on one line, whatever the title holds.

Each draft is built through the command line and parsed back with the email package, as a mail
reader would: a title with line breaks or control characters (YAML escapes) and a title that is
itself an encoded word must come out as the text the author wrote, never as what it encodes.
"""

from __future__ import annotations

import email
import email.policy
from email.header import decode_header, make_header
from email.message import EmailMessage

import pytest

from briefing.cli.main import main
from briefing.render.email_message import subject_text

from .conftest import WriteProject

BRIEF = """---
title: {title}
language: en
date: 2026-01-02
---

# Section

Text.
"""


def _draft(write_project: WriteProject, title: str, capsys: pytest.CaptureFixture[str]) -> bytes:
    """Build the brief titled `title` (a YAML scalar as written) with its draft; the .eml."""
    project = write_project({"brief.md": BRIEF.format(title=title)})
    output = project.parent / "out" / "brief.pdf"
    code = main([str(project / "brief.md"), "-o", str(output), "--eml"])
    assert code == 0, capsys.readouterr().err
    return (output.parent / "brief.eml").read_bytes()


def _subject(draft: bytes) -> str:
    message = email.message_from_bytes(draft, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return str(message["Subject"])


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ('"Two\\nlines"', "Two lines"),  # was "internal error: ValueError: … linefeed"
        ("|\n  Block\n  title", "Block title"),
        ('"A NUL \\0 and a tab\\there"', "A NUL and a tab here"),
        ('"=?utf-8?b?SGVsbG8=?="', "=?utf-8?b?SGVsbG8=?="),  # shown as written, not "Hello"
        ('"Plain =?utf-8?q?x?= words, and more words: ' + "long " * 20 + '"', None),
    ],
)
def test_subject_reads_back_as_the_title(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str], title: str, subject: str | None
) -> None:
    draft = _draft(write_project, title, capsys)
    if subject is None:  # long: folded over several lines, read back whole
        subject = "Plain =?utf-8?q?x?= words, and more words: " + " ".join(["long"] * 20)
    assert _subject(draft) == subject
    assert b"\x00" not in draft
    headers = draft.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?b?SGVsbG8=?=" not in headers  # never passed through for readers to decode


def test_subject_text_keeps_one_line_without_control_characters() -> None:
    assert subject_text("a\x07b\x1b[31m\r\n  c\u2028d\x85e\x7f") == "ab[31m c d e"
    assert subject_text("Ünïcode — kept") == "Ünïcode — kept"


@pytest.mark.parametrize(
    "title",
    [
        " ".join(["Sécurité — “quoted” ✓"] * 5),  # was "Sécurité— “quoted”✓ …"
        " ".join(["电网韧性 — «x» ✓ مرونة الشبكة"] * 6),
        "Ünïcode " + "word " * 40 + "end",
    ],
)
def test_a_long_mixed_script_subject_keeps_every_space(
    write_project: WriteProject, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    """Folded over several lines, the Subject decodes to the title, whichever way it is read."""
    draft = _draft(write_project, f'"{title}"', capsys)
    headers = draft.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "\r\n " in headers.split("Subject:", 1)[1].split("\r\nContent-Type", 1)[0]  # folded
    assert _subject(draft) == title
    legacy = email.message_from_bytes(draft)["Subject"]
    assert str(make_header(decode_header(legacy))) == title
