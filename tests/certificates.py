"""A test certificate authority and signers made with `cryptography`: a good signer and an
expired one. (`cryptography` refuses to write a PKCS#12 file whose key is not its
certificate's: that case is tested by handing the check such a pair.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "correct horse battery staple"
SIGNER = "Briefing Unit Test Signer"


@dataclass(frozen=True)
class Identities:
    """The files: the authority's certificate, and PKCS#12 files under PASSWORD."""

    authority: Path
    signer: Path
    expired: Path
    stranger_authority: Path
    """Another authority, which did not issue the signer's certificate."""
    time_stamp_certificate: bytes
    """A time-stamp authority's certificate (DER, RSA), issued by the test authority."""
    time_stamp_key: bytes
    """Its private key (DER, PKCS#8)."""


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _usage(authority: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=not authority, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=authority,
        crl_sign=authority, encipher_only=False, decipher_only=False,
    )  # fmt: skip


def _authority(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=2))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(authority=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def _signer(
    authority: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], days: tuple[int, int]
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A signer's key and certificate valid from `days[0]` to `days[1]` days from now."""
    authority_key, authority_certificate = authority
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(SIGNER))
        .issuer_name(authority_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(_usage(authority=False), critical=True)
        .sign(authority_key, hashes.SHA256())
    )
    return key, certificate


def _pkcs12(path: Path, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate,
            authority: x509.Certificate) -> Path:  # fmt: skip
    encryption = serialization.BestAvailableEncryption(PASSWORD.encode())
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"signer", key, certificate, [authority], encryption)
    )
    return path


def _time_stamp_authority(
    authority: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
) -> tuple[bytes, bytes]:
    """An RSA time-stamping certificate (pyHanko's test time stamper signs with RSA) and key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name("Briefing Test Time Stamps"))
        .issuer_name(authority[1].subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=60))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(authority[0], hashes.SHA256())
    )
    der = serialization.Encoding.DER
    private = key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return certificate.public_bytes(der), private


def make_identities(folder: Path) -> Identities:
    """Write the authorities and the signers into `folder`."""
    authority = _authority("Briefing Test Authority")
    stranger = _authority("Someone Else's Authority")
    key, certificate = _signer(authority, (-1, 60))
    expired_key, expired_certificate = _signer(authority, (-60, -1))
    pem = serialization.Encoding.PEM
    (folder / "authority.pem").write_bytes(authority[1].public_bytes(pem))
    (folder / "stranger.pem").write_bytes(stranger[1].public_bytes(pem))
    return Identities(
        folder / "authority.pem",
        _pkcs12(folder / "signer.p12", key, certificate, authority[1]),
        _pkcs12(folder / "expired.p12", expired_key, expired_certificate, authority[1]),
        folder / "stranger.pem",
        *_time_stamp_authority(authority),
    )
