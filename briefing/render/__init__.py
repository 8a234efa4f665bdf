"""Rendering a briefing to HTML: Markdown extensions, cross-references, citations, the
sanitiser and audit, table sizing from text, figures drawn as SVG, templates, the email message.

May import: brand, read and the core modules."""
