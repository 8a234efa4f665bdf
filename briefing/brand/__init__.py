"""The house style: `_brand.yml` read and validated, colours, and the CSS it makes.

May import: read and the core modules."""
