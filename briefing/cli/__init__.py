"""The command line: argument parsing (the only place argparse is imported), the commands and
the scaffolds of `briefing init` and `briefing new`.

May import: every other package."""

from briefing.cli.main import main, run

__all__ = ["main", "run"]
