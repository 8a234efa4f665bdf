"""Chart data: the `bar`, `stacked-bar`, `line` and `dot` figure files read into typed values
(categories, numeric series, options), checked with a line for every problem, and the alt text
generated from the data. Nothing is drawn here: `render.charts` draws.

May import: read's own modules and the core modules."""
