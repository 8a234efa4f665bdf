"""Numbered copies of a built brief for a list of recipients: stamps, drafts, print job, register.

Each profile is laid out once by the ordinary build; every copy is that PDF with a small stamp
("Copy 12 of 40 — issued to A. Rossi (NATO)") added to each page as an artifact.

May import: runner, the pipeline and everything below it.
"""
