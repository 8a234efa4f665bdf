"""Sealing a finished PDF: encrypted for its reader (pikepdf: AES-256, qpdf's writer) and signed
(pyHanko: PAdES baseline B-B, or B-T with a time-stamp authority). The one module that talks
to either library; both are imported inside the functions, as only sealed builds need them
(pyHanko alone brings ~300 modules).

Encrypted and signed: the file is encrypted first, then signed as an incremental update with
the owner password, which is random, used once and forgotten, so nobody can lift the
permissions: printing and text extraction for accessibility, no changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.config import Seal
from briefing.errors import BuildError, ConfigError

SIGNATURE_FIELD = "Signature1"
_REVISION_END = re.compile(rb"startxref\s+\d+\s+%%EOF(?:\r\n|\r|\n)?")
TIMESTAMP_SECONDS = 10
"""How long the time-stamp authority may take to answer."""


@dataclass(frozen=True)
class Certificate:
    """A signer's PKCS#12 file, checked: who it names, until when it is valid."""

    signer: str
    """The certificate's subject, as a reader sees it ("Briefing Unit")."""
    expires: dt.datetime


def check_certificate(data: bytes, password: bytes, path: Path) -> Certificate:
    """Open the PKCS#12 `data` (read from `path`) with `password` and check that its key and
    certificate belong together and that the certificate is valid now.

    Raises:
        ConfigError: the password is wrong, the file holds no key or certificate, the key is
            not the certificate's, or the certificate has expired (or is not valid yet).
    """
    # deferred: cryptography is needed only by signed builds
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, pkcs12
    from cryptography.x509.oid import NameOID

    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError:
        raise ConfigError(
            f"{path}: cannot open the certificate: wrong password (BRIEFING_SIGN_PASSWORD), "
            "or not a PKCS#12 (.p12/.pfx) file"
        ) from None
    if key is None or certificate is None:
        raise ConfigError(f"{path}: the file must hold a private key and its certificate")
    public = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    if key.public_key().public_bytes(*public) != certificate.public_key().public_bytes(*public):
        raise ConfigError(f"{path}: the private key does not match the certificate")
    now = dt.datetime.now(dt.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise ConfigError(
            f"{path}: the certificate is valid from {certificate.not_valid_before_utc:%Y-%m-%d}"
            f" to {certificate.not_valid_after_utc:%Y-%m-%d}, not today: renew it"
        )
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    signer = str(names[0].value) if names else certificate.subject.rfc4514_string()
    return Certificate(signer, certificate.not_valid_after_utc)


def seal_pdf(data: bytes, seal: Seal, password: str = "") -> bytes:
    """`data` encrypted for the open `password` (when there is one), then signed (when `seal`
    has a certificate)."""
    owner = ""
    if password:
        data, owner = encrypt_pdf(data, password)
    if seal.signs:
        data = sign_pdf(data, seal, owner)
    return data


def encrypt_pdf(data: bytes, password: str) -> tuple[bytes, str]:
    """`data` encrypted with AES-256 for the open `password`; and the owner password, random."""
    import pikepdf  # deferred: only encrypted builds need qpdf

    owner = secrets.token_urlsafe(24)
    allowed = pikepdf.Permissions(
        accessibility=True, extract=False, modify_annotation=False, modify_assembly=False,
        modify_form=False, modify_other=False, print_lowres=True, print_highres=True,
    )  # fmt: skip
    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(
            output,
            encryption=pikepdf.Encryption(user=password, owner=owner, R=6, allow=allowed),
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
    return output.getvalue(), owner


def sign_pdf(data: bytes, seal: Seal, owner_password: str = "") -> bytes:
    """`data` signed (PAdES B-B; B-T with `seal.timestamp_url`) as an incremental update; an
    encrypted `data` needs its `owner_password`."""
    # deferred: pyHanko is needed only by signed builds
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12_data(
        seal.certificate, (), seal.certificate_password or None
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if owner_password:
        writer.encrypt(owner_password)  # type: ignore[no-untyped-call]
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    try:
        signed = signers.PdfSigner(
            metadata, signer, timestamper=_timestamper(seal.timestamp_url)
        ).sign_pdf(writer)
    except Exception as error:  # pyHanko's errors have no common root; the TSA's neither
        raise BuildError(f"cannot sign the PDF: {type(error).__name__}: {error}") from None
    return bytes(signed.getvalue())


def unsigned_original(data: bytes) -> bytes:
    """The PDF as it was before `sign_pdf` added its revision: the bytes up to the end of the
    revision before the last."""
    ends = [match.end() for match in _REVISION_END.finditer(data)]
    if len(ends) < 2:
        raise BuildError("the signed PDF has no earlier revision to make copies from")
    return data[: ends[-2]]


def certificate_fingerprint(data: bytes) -> str:
    """The SHA-256 of a PKCS#12 file: what the cache knows of it."""
    return hashlib.sha256(data).hexdigest()


def _timestamper(url: str | None) -> Any:
    """pyHanko's client of the time-stamp authority at `url`; None for none."""
    if not url:
        return None
    from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=TIMESTAMP_SECONDS)
