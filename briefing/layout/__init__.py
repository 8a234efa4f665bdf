"""Laying out with WeasyPrint, behind one adapter: loading it, the safe fetcher, fonts,
hyphenation, the glyph preflight and the check of tables against the laid-out pages.

May import: render, brand, read and the core modules."""
