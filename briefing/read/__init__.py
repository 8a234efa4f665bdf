"""Reading a briefing: its files, front matter and metadata, parts, placed tables and figure
data, claims, the bibliography and the languages it is written in. Nothing is drawn here.

May import: the core modules (errors, config, project, tomlio, yamlio, ...)."""
