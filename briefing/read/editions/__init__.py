"""Editions of a brief: audience sections (`::: only NAME`) found in the Markdown, and each
edition's text made by removing the sections of the others, at read, before anything renders.

May import: core, and the read modules below it (errors, parts).
"""
