"""`briefing preview`: the pages as they print, served to a browser on 127.0.0.1.

May import: runner, the pipeline and everything below it."""
