"""Making the PDF from a layout: the finisher, the draft watermark, font compaction and shared
forms.

May import: layout, render, brand, read and the core modules."""
