"""Pandoc's and Quarto's Markdown for print: fenced divs and callouts, attributes, captions
and numbered figures, tables and equations, inline notes, spans, grid tables, math drawn as
vector graphics, shortcodes, code cells and raw LaTeX lines. Python-Markdown extensions and
what they need; may import `briefing.render`'s lower modules, `briefing.read` and the core."""
