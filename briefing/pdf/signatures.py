"""Checking a signed PDF with pyHanko's validator: who signed it, when, whether every byte is as
signed, and whether the signer's certificate leads to a trusted authority. pyHanko is imported
inside the function, as only `briefing verify` needs it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SignatureCheck:
    """What the validator found in one PDF."""

    signed: bool
    signer: str = ""
    signing_time: str = ""
    """As the signer's clock gave it (ISO 8601), or the time stamp's when there is one."""
    intact: bool = False
    """The signature is valid and covers the whole file: not one byte changed since."""
    trusted: bool | None = None
    """The certificate chains to a trusted authority; None when none was given."""
    problem: str = ""
    """Why the file could not be checked (not a PDF, a wrong password), or ''."""


def check_signature(data: bytes, trust: list[bytes], password: str = "") -> SignatureCheck:
    """Check the last signature of the PDF `data`; `trust` holds the authorities (PEM or DER)
    whose chains are trusted, and `password` opens an encrypted file."""
    # deferred: pyHanko is needed only to verify
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.crypt import AuthStatus
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted and reader.decrypt(password).status == AuthStatus.FAILED:
            return SignatureCheck(
                False, problem="encrypted: give its password in BRIEFING_PDF_PASSWORD"
            )
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError) as error:
        return SignatureCheck(False, problem=f"cannot read the PDF: {error}")
    if not signatures:
        return SignatureCheck(False, problem="the PDF is not signed")
    roots = [certificate for pem in trust for certificate in load_certs_from_pemder_data(pem)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(signature, context)
    except (PdfError, ValueError) as error:  # pyHanko's validation errors are ValueErrors
        return SignatureCheck(True, problem=f"the signature cannot be checked: {error}")
    covers_all = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    when = status.timestamp_validity.timestamp if status.timestamp_validity else None
    when = when or status.signer_reported_dt
    return SignatureCheck(
        True,
        signer=_common_name(status.signing_cert.subject),
        signing_time=when.isoformat() if when else "",
        intact=bool(status.intact and status.valid and covers_all),
        trusted=bool(status.trusted) if roots else None,
    )


def _common_name(subject: Any) -> str:
    """The subject's common name ("Briefing Unit"), else all of it."""
    native = subject.native
    return str(native.get("common_name") or subject.human_friendly)
