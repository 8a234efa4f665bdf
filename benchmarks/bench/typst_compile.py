"""Compile a Typst file to PDF with the `typst` Python package: `typst_compile.py IN OUT`.

Run as a child process of the benchmark when there is no `typst` command: like the command,
it starts, compiles once and exits, so its time is comparable.
"""

from __future__ import annotations

import sys

import typst  # type: ignore[import-not-found,unused-ignore]


def main(argv: list[str]) -> int:
    """Compile `argv[0]` into `argv[1]`; 1 with the compiler's message when it fails."""
    source, output = argv
    try:
        typst.compile(source, output=output)
    except typst.TypstError as error:
        print(getattr(error, "diagnostic", "") or error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
