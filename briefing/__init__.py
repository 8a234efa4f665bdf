"""briefing: Markdown briefings with YAML front matter, built into print-ready PDFs."""

__version__ = "0.1.0"
