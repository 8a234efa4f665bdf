"""Build PDF briefings: `python build.py --help`."""

from briefing.cli import run

run()
