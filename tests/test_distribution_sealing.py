"""Signed and encrypted outputs: a signed brief and 20 signed, encrypted copies of two editions,
checked with pyHanko's validator, pypdf and qpdf as a recipient's tools would check them."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from briefing.cli.main import main
from briefing.errors import ConfigError
from briefing.pdf.sealing import check_certificate

from .certificates import PASSWORD, SIGNER, Identities
from .conftest import FIXED_EPOCH

COPIES = 20
SECRET = "The northern network is compromised."

BRIEF = f"""---
title: Sealed under test
date: 2026-01-02
editions: [public, restricted]
---

# Situation

Everyone reads this paragraph.

::: only restricted
{SECRET}
:::
"""


def _password(number: int) -> str:
    return f"pw-{number:02d}-Zebra!"


def _edition(number: int) -> str:
    return "restricted" if number % 3 == 0 else "public"


@dataclass(frozen=True)
class Sealed:
    """The project, where its copies are, and what the builds printed."""

    root: Path
    copies: Path
    printed: str


def _run(*arguments: str) -> tuple[int, str]:
    """The command line run in this process: its exit code and all it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = main(list(arguments))
    return code, printed.getvalue()


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory, identities: Identities) -> Iterator[Sealed]:
    """A signed brief, and 20 copies, signed and each encrypted with its own password."""
    root = tmp_path_factory.mktemp("sealed")
    (root / "brief.md").write_text(BRIEF, encoding="utf-8")
    rows = [
        f"Reader {n},reader{n}@example.org,{_edition(n)},{_password(n)}"
        for n in range(1, COPIES + 1)
    ]
    (root / "people.csv").write_text(
        "name,email,edition,password\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        patch.setenv("BRIEFING_SIGN_PASSWORD", PASSWORD)
        sign = ["--sign", str(identities.signer), "-j", "1"]
        code, single = _run("brief.md", "-o", "signed/brief.pdf", *sign)
        assert code == 0, single
        copies = ["--recipients", "people.csv", "--encrypt", "--profile", "brief", "--eml"]
        code, distributed = _run("brief.md", "-d", "out", *sign, *copies)
        assert code == 0, distributed
    yield Sealed(root, root / "out" / "brief" / "copies", single + distributed)


def _validate(data: bytes, authority: Path, password: str = "") -> tuple[bool, bool]:
    """pyHanko's verdict on the file's signature: intact (and covering it all), trusted."""
    reader = PdfFileReader(io.BytesIO(data))
    if password:
        reader.decrypt(password)
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(authority))])
    status = validate_pdf_signature(reader.embedded_signatures[-1], context)
    intact = status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
    return intact, status.trusted


def test_distribution_signed_brief_validates_and_verifies(
    sealed: Sealed, identities: Identities
) -> None:
    pdf = sealed.root / "signed" / "brief.pdf"
    assert _validate(pdf.read_bytes(), identities.authority) == (True, True)
    assert _validate(pdf.read_bytes(), identities.stranger_authority) == (True, False)
    code, printed = _run("verify", str(pdf), "--trust", str(identities.authority))
    assert code == 0, printed
    assert f"signer: {SIGNER}" in printed and "intact: yes" in printed
    assert "trusted: yes" in printed
    code, printed = _run("verify", str(pdf), "--trust", str(identities.stranger_authority))
    assert code == 1 and "trusted: no" in printed


def test_distribution_one_changed_byte_breaks_the_signature(
    sealed: Sealed, identities: Identities, tmp_path: Path
) -> None:
    data = bytearray((sealed.root / "signed" / "brief.pdf").read_bytes())
    data[data.index(b"/Type /Page") + 2] ^= 0x01  # inside the signed bytes, outside any stream
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    assert _validate(bytes(data), identities.authority)[0] is False
    code, printed = _run("verify", str(changed), "--trust", str(identities.authority))
    assert code == 1 and "intact: no" in printed


def test_distribution_twenty_copies_are_signed_and_registered(
    sealed: Sealed, identities: Identities, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = sealed.copies / "brief-register.csv"
    for number in range(1, COPIES + 1):
        copy = (sealed.copies / f"brief-copy-{number:03d}.pdf").read_bytes()
        assert _validate(copy, identities.authority, _password(number)) == (True, True)
    monkeypatch.setenv("BRIEFING_PDF_PASSWORD", _password(7))
    seventh = sealed.copies / "brief-copy-007.pdf"
    arguments = ["verify", str(seventh), "--register", str(register)]
    code, printed = _run(*arguments, "--trust", str(identities.authority))
    assert code == 0, printed
    assert "register: matches copy 7 (brief-copy-007.pdf, issued to Reader 7)" in printed


def test_distribution_encrypted_copies_open_with_their_password_only(sealed: Sealed) -> None:
    for number in (1, 2, 3, COPIES):
        path = sealed.copies / f"brief-copy-{number:03d}.pdf"
        reader = pypdf.PdfReader(path)
        assert reader.is_encrypted
        assert not reader.decrypt(_password(number + 1))
        with pytest.raises(pypdf.errors.FileNotDecryptedError):
            pypdf.PdfReader(path).pages[0].extract_text()
        assert reader.decrypt(_password(number))
        assert "Everyone reads this paragraph." in reader.pages[1].extract_text()
        opened = ["qpdf", f"--password={_password(number)}", "--check", str(path)]
        assert subprocess.run(opened, capture_output=True, check=False).returncode == 0
        closed = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False)
        assert closed.returncode != 0 and b"invalid password" in closed.stderr
    shown = subprocess.run(
        ["qpdf", f"--password={_password(1)}", "--show-encryption",
         str(sealed.copies / "brief-copy-001.pdf")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "R = 6" in shown  # AES-256
    for line in ("print high resolution: allowed", "extract for accessibility: allowed",
                 "modify other: not allowed", "modify annotations: not allowed"):  # fmt: skip
        assert line in shown


def test_distribution_each_copy_is_of_its_recipients_edition(sealed: Sealed) -> None:
    with open(sealed.copies / "brief-register.csv", encoding="utf-8", newline="") as stream:
        rows = {row["file"]: row for row in csv.DictReader(stream)}
    for number in range(1, COPIES + 1):
        name = f"brief-copy-{number:03d}.pdf"
        reader = pypdf.PdfReader(sealed.copies / name)
        reader.decrypt(_password(number))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert (SECRET in text) == (_edition(number) == "restricted"), number
        row = rows[name]
        assert row["edition"] == _edition(number)
        assert (row["signer"], row["signed"], row["encrypted"]) == (SIGNER, "yes", "yes")


def test_distribution_no_password_reaches_register_drafts_output_or_cache(
    sealed: Sealed,
) -> None:
    places = [sealed.printed.encode(), (sealed.copies / "brief-register.csv").read_bytes()]
    places += [draft.read_bytes() for draft in sealed.copies.glob("*.eml")]
    assert len(places) == 2 + COPIES
    cache = Path(os.environ["BRIEFING_CACHE_DIR"])
    places += [path.read_bytes() for path in cache.rglob("*") if path.is_file()]
    for number in range(1, COPIES + 1):
        for place in places:
            assert _password(number).encode() not in place
    assert PASSWORD.encode() not in sealed.printed.encode()


@pytest.mark.parametrize(
    ("certificate", "password", "message"),
    [
        ("signer", "Not-The-Passw0rd", "cannot open the certificate: wrong password"),
        ("expired", PASSWORD, "the certificate is valid from"),
    ],
)
def test_distribution_bad_certificate_is_one_line_and_nothing_written(
    identities: Identities,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    certificate: str,
    password: str,
    message: str,
) -> None:
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_SIGN_PASSWORD", password)
    path = getattr(identities, certificate)
    code, printed = _run("brief.md", "-d", "out", "--sign", str(path))
    assert code == 1
    assert printed.count("\n") == 1 and message in printed
    assert password not in printed
    assert not (tmp_path / "out").exists()


def test_distribution_key_that_does_not_match_its_certificate_is_refused(
    identities: Identities, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = identities.signer.read_bytes()
    _, certificate, others = pkcs12.load_key_and_certificates(data, PASSWORD.encode())
    stranger = ec.generate_private_key(ec.SECP256R1())
    monkeypatch.setattr(
        pkcs12, "load_key_and_certificates", lambda *_: (stranger, certificate, others)
    )
    with pytest.raises(ConfigError, match="the private key does not match the certificate"):
        check_certificate(data, PASSWORD.encode(), identities.signer)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--encrypt"], "--encrypt needs the password that will open the PDF"),
        (["--timestamp", "https://tsa.example"], "--timestamp asks a time-stamp authority"),
        (["--encrypt", "--html"], "--html writes the brief's text unencrypted"),
    ],
)
def test_distribution_sealing_options_that_cannot_work_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], message: str
) -> None:
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_PDF_PASSWORD", raising=False)
    code, printed = _run("brief.md", "-d", "out", *arguments)
    assert code == 1 and message in printed
    assert not (tmp_path / "out").exists()


def test_distribution_single_encrypted_build_opens_with_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_PDF_PASSWORD", "open sesame")
    code, printed = _run("brief.md", "-o", "out/brief.pdf", "--edition", "public", "--encrypt")
    assert code == 0 and "open sesame" not in printed
    reader = pypdf.PdfReader(tmp_path / "out" / "brief.pdf")
    assert reader.is_encrypted and not reader.decrypt("open")
    assert reader.decrypt("open sesame")
