"""Formulas tagged as such: WeasyPrint tags every image `Figure`; a drawn formula (its
alternate text its LaTeX source) becomes a `Formula` structure element, which PDF/UA asks of
math, its alternate text and bounding box kept."""

from __future__ import annotations

from typing import Any


def tag_formulas(pdf: Any, formulas: frozenset[str]) -> int:
    """Re-tag as Formula each Figure element of `pdf` whose alternate text is one of
    `formulas`; how many were."""
    if not formulas:
        return 0
    tagged = 0
    for item in pdf.objects:
        if not isinstance(item, dict) or item.get("S") != "/Figure":
            continue
        alternate = item.get("Alt")
        if alternate is not None and getattr(alternate, "string", None) in formulas:
            item["S"] = "/Formula"
            tagged += 1
    return tagged
