"""Editions: the sources a built PDF carries read back, an old edition found (a PDF, the old
Markdown or a git ref), and the redline that says what changed since it.

May import: pdf and everything below it (the pipeline runs it; the command line reads
sources with it)."""
