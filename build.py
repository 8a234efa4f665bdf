"""Build PDF briefings: `python build.py --help`."""

from briefing.cli.main import run

run()
