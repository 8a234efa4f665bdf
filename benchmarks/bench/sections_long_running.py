"""Long-running work: a watcher's memory over many rebuilds, and numbered copies for a list of
recipients against one cold build."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .processes import Bench, BenchError, build, log
from .report import Row, Target
from .watching import time_edits

WATCH_EDITS = 100
"""Edits a watcher rebuilds for its memory marks (20 with --quick)."""

WATCH_GROWTH_TARGET = 1.1
"""The watcher's memory after the last edit should stay within this share of after the 10th."""

COPIES = 500
"""Recipients of the distribution row (50 with --quick)."""

COPIES_TARGET = 40.0
"""500 stamped copies, and 500 stamped and signed copies, should each take at most this many
cold builds."""

SIGN_PASSWORD = "benchmark"
"""The password of the signed row's test certificate."""

COPIES_LINE = re.compile(r"copies x \d+ profiles? +\d+ made +(?P<seconds>[\d.]+) s")
"""The line a distribution prints: `build/x/copies  500 copies x 1 profiles  500 made  9.1 s`."""

NAMES = ("Anna Rossi", "Γιώργος Παπαδόπουλος", "Иван Петров", "محمد عبد الله")
"""Recipients in four scripts, so every copy's stamp shapes text as real lists need."""

WATCHED_BRIEF = """---
title: Watch memory
date: 2026-01-02
author: Benchmark
language: en
summary: [One point.]
---

# First section

Some text that each edit adds a sentence to.

## A subsection

More text in a second paragraph, long enough to be hyphenated and set in a justified line.
"""


def section_watch_memory(bench: Bench) -> list[Row]:
    """One watcher over many one-paragraph edits of a small brief: its memory after the 10th
    edit and after the last (a watcher that stays flat shows about the same)."""
    edits = 20 if bench.quick else WATCH_EDITS
    folder = bench.work / "watch-memory"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "brief.md"
    source.write_text(WATCHED_BRIEF, encoding="utf-8")
    log(f"watch memory: {edits} edits")
    memory = time_edits(bench, source, folder / "out.pdf", edits, (10, edits)).memory
    (peak_10, rss_10), (peak_last, rss_last) = memory[10], memory[edits]
    growth = {"after 10 edits": peak_last / peak_10}
    return [
        Row("watch.peak_10", "--watch peak memory after 10 edits", peak_10, "MB",
            note=f"resident {rss_10:.0f} MB"),
        Row(f"watch.peak_{edits}", f"--watch peak memory after {edits} edits", peak_last, "MB",
            growth, Target(WATCH_GROWTH_TARGET, "after 10 edits"),
            note=f"resident {rss_last:.0f} MB"),
    ]  # fmt: skip


def section_copies(bench: Bench) -> list[Row]:
    """Numbered copies of the NATO brief (brief profile) for a list of recipients, against one
    cold build of it; the copies' own time per copy; the peak memory."""
    count = 50 if bench.quick else COPIES
    folder = bench.work / "copies"
    folder.mkdir(parents=True, exist_ok=True)
    recipients = folder / f"recipients-{count}.csv"
    rows = [f"{NAMES[n % 4]} {n},person{n}@example.org,Ministry {n % 7}" for n in range(count)]
    recipients.write_text("name,email,organisation\n" + "\n".join(rows) + "\n", encoding="utf-8")
    log(f"copies: {count} recipients")
    common = ("--profile", "brief", "-j", "1")
    cold = build(bench, [bench.nato], folder / "cold" / "nato.pdf", *common)
    run = build(bench, [bench.nato], folder / "made" / "nato.pdf", *common,
                "--recipients", str(recipients))  # fmt: skip
    made = COPIES_LINE.search(run.stdout)
    if made is None:
        raise BenchError(f"no copies line in: {run.stdout.strip()[-200:]}")
    stamping = float(made["seconds"])
    bench.peaks["copies"] = run.peak_mb
    ratio = {"one cold build": run.seconds / cold.seconds}
    log(f"copies: {count} recipients, stamped and signed")
    certificate = signing_certificate(folder)
    signed = build(bench, [bench.nato], folder / "signed" / "nato.pdf", *common,
                   "--recipients", str(recipients), "--sign", str(certificate),
                   extra_env={"BRIEFING_SIGN_PASSWORD": SIGN_PASSWORD})  # fmt: skip
    signed_made = COPIES_LINE.search(signed.stdout)
    signing = float(signed_made["seconds"]) if signed_made else signed.seconds
    return [
        Row("copies.all", f"{count} numbered copies, build and copies", run.seconds, "s", ratio,
            Target(COPIES_TARGET * count / COPIES, "one cold build"),
            note=f"cold build {cold.seconds:.2f} s"),
        Row("copies.each", "one copy (stamp, metadata, file)", stamping / count * 1000, "ms",
            {"one cold build": stamping / count / cold.seconds}),
        Row("copies.signed", f"{count} copies stamped and signed (--sign), build and copies",
            signed.seconds, "s", {"one cold build": signed.seconds / cold.seconds},
            Target(COPIES_TARGET * count / COPIES, "one cold build"),
            note=f"{signing / count * 1000:.0f} ms a signed copy"),
    ]  # fmt: skip


def signing_certificate(folder: Path) -> Path:
    """A self-signed key and certificate for the signed copies, as a PKCS#12 file under
    `SIGN_PASSWORD` (cryptography is imported here: only this row needs it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Benchmark Signer")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    encryption = serialization.BestAvailableEncryption(SIGN_PASSWORD.encode())
    path = folder / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"signer", key, certificate, None, encryption)
    )
    return path
