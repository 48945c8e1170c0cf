"""Policies: issued exactly once per paid order or activated envelope share, looked up by their holder."""
