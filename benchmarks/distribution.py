"""Benchmark numbered copies: 500 recipients of the NATO brief (brief profile) against one
cold build of it, in the same run; peak memory at 100 and at 500 recipients; and the same
copies stamped and signed (`--sign`, with a test certificate made for the run).

    python benchmarks/distribution.py              # 500 recipients, about two minutes on two cores
    python benchmarks/distribution.py --copies 50  # a smoke run

The project is copied into a temporary folder first; every build runs there in a child process
with its own cache, so nothing is written into the repository. Progress goes to stderr; stdout
holds the figures as JSON, then as a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = ("build.py", "briefing", "content", "briefing.toml")
NATO = Path("content") / "nato-eu-relations.md"
EPOCH = "1764000000"
COPIES_LINE = re.compile(r"copies x \d+ profiles? +\d+ made +(?P<seconds>[\d.]+) s")
"""The line a distribution prints: `build/x/copies  500 copies x 1 profiles  500 made  9.1 s`."""

CHILD = """\
import resource, sys
sys.path.insert(0, sys.argv[1])
from briefing.cli.main import main
code = main(sys.argv[2:])
print("peak-kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
raise SystemExit(code)
"""


SIGN_PASSWORD = "benchmark"


def run_build(work: Path, cache: Path, *arguments: str) -> tuple[float, int, float]:
    """Build in a child process with `cache` as its cache: the seconds taken, the peak memory
    (KB), and the seconds the copies took by their own report (0 without copies)."""
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": EPOCH}
    environment["BRIEFING_SIGN_PASSWORD"] = SIGN_PASSWORD
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(work), *arguments],
        cwd=work, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if finished.returncode:
        raise SystemExit(f"build failed: {finished.stderr.strip()}")
    peak = next(line for line in finished.stderr.splitlines() if line.startswith("peak-kb"))
    copies = COPIES_LINE.search(finished.stdout)
    return seconds, int(peak.split()[1]), float(copies["seconds"]) if copies else 0.0


def recipients_file(folder: Path, count: int) -> Path:
    """`count` recipients in four scripts, all with an email address."""
    names = ["Anna Rossi", "Γιώργος Παπαδόπουλος", "Иван Петров", "محمد عبد الله"]
    path = folder / f"recipients-{count}.csv"
    rows = [f"{names[n % 4]} {n},person{n}@example.org,Ministry {n % 7}" for n in range(count)]
    path.write_text("name,email,organisation\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def signing_certificate(folder: Path) -> Path:
    """A self-signed key and certificate for the signed run, as a PKCS#12 file (cryptography
    is imported here: only this run needs it)."""
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
    data = pkcs12.serialize_key_and_certificates(b"signer", key, certificate, None, encryption)
    path.write_bytes(data)
    return path


def measure(copies: int) -> dict[str, float]:
    """The figures of one run: cold build, distribution, ratio, per-copy cost, peak memory."""
    with tempfile.TemporaryDirectory(prefix="briefing-distribution-") as temporary:
        work = Path(temporary) / "project"
        work.mkdir()
        for name in SNAPSHOT:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                shutil.copy2(source, work / name)
        common = [str(NATO), "--profile", "brief", "-j", "1"]
        print("warming up…", file=sys.stderr)
        run_build(work, Path(temporary) / "warm", *common, "-o", "warm/nato.pdf")  # byte code
        print("one cold build…", file=sys.stderr)
        cold_cache = Path(temporary) / "cold"
        cold, cold_peak, _ = run_build(work, cold_cache, *common, "-o", "cold/nato.pdf")
        peaks = {}
        seconds = stamping = 0.0
        for count in sorted({min(100, copies), copies}):
            print(f"{count} copies (one layout, then stamps)…", file=sys.stderr)
            recipients = recipients_file(work, count)
            seconds, peaks[count], stamping = run_build(
                work, Path(temporary) / f"copies-{count}", *common,
                "-o", f"copies-{count}/nato.pdf", "--recipients", str(recipients),
            )  # fmt: skip
        print(f"{copies} copies, stamped and signed…", file=sys.stderr)
        signed, _, signing = run_build(
            work, Path(temporary) / "signed", *common, "-o", "signed/nato.pdf",
            "--recipients", str(recipients), "--sign", str(signing_certificate(work)),
        )  # fmt: skip
    return {
        "copies": copies,
        "cold_build_s": round(cold, 2),
        "copies_build_s": round(seconds, 2),
        "ratio": round(seconds / cold, 1),
        "copies_alone_s": round(stamping, 2),
        "per_copy_ms": round(stamping / copies * 1000, 1),
        "per_copy_share_of_cold_build": round(stamping / copies / cold, 4),
        "cold_build_peak_mb": round(cold_peak / 1024, 1),
        **{f"peak_mb_{count}_copies": round(peak / 1024, 1) for count, peak in peaks.items()},
        "signed_copies_build_s": round(signed, 2),
        "signed_ratio": round(signed / cold, 1),
        "signed_per_copy_ms": round(signing / copies * 1000, 1),
    }


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=500, help="Recipients (default: 500).")
    figures = measure(parser.parse_args().copies)
    print(json.dumps(figures, indent=1))
    print()
    print("| Measure | Value |\n|---|---|")
    for key, value in figures.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
