"""The catalog: products and their plans, in plain words."""
