"""``/preview/``: the mini-program's own pages in a browser (development and sandbox only)."""
