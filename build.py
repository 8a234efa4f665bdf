"""Build PDF briefings: `python build.py --help`."""

from briefing.cli import main

raise SystemExit(main())
