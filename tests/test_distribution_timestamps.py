"""PAdES B-T: `--timestamp URL --allow-remote` asks a time-stamp authority, here one served on
127.0.0.1 by pyHanko's test time stamper, and the signature carries its token."""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys, tsp, x509
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from briefing.cli.main import main

from .certificates import PASSWORD, Identities


@pytest.fixture
def authority_url(identities: Identities) -> Iterator[str]:
    """A time-stamp authority on 127.0.0.1 answering RFC 3161 requests; its URL."""
    stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(identities.time_stamp_certificate),
        tsa_key=keys.PrivateKeyInfo.load(identities.time_stamp_key),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            request = tsp.TimeStampReq.load(self.rfile.read(length))
            answer = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_: object) -> None:
            """Quiet: the test reads what the build printed, not the server's log."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_distribution_timestamp_makes_pades_b_t(
    identities: Identities, authority_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brief.md").write_text("---\ntitle: Stamped\n---\n\n# A\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_SIGN_PASSWORD", PASSWORD)
    signing = ["--sign", str(identities.signer), "--timestamp", authority_url, "--allow-remote"]
    assert main(["brief.md", "-o", "out/brief.pdf", "-j", "1", *signing]) == 0
    reader = PdfFileReader(io.BytesIO((tmp_path / "out" / "brief.pdf").read_bytes()))
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(identities.authority))])
    status = validate_pdf_signature(reader.embedded_signatures[0], context)
    assert status.intact and status.valid and status.trusted
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["verify", "out/brief.pdf", "--trust", str(identities.authority)])
    assert code == 0, printed.getvalue()
    when = status.timestamp_validity.timestamp.isoformat()
    assert f"signing time: {when}" in printed.getvalue()
