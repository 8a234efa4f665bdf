"""Citations: BibTeX read into CSL-JSON (bibtexparser) and formatted by a CSL style (citeproc-py).

Imported only by the builds whose brief names a `bibliography:`; may import `briefing.read`'s
lower modules and the core.
"""
