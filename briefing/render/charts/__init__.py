"""Drawing figures as SVG, at render: the charts of data (bar, stacked bar, line, dot) with
matplotlib, imported only by a brief that has one, and the timeline and overlap figures; one
style module (inks, brand colours or greys, fonts, numbers in the brief's language) for all.

May import: brand, read and the core modules."""
