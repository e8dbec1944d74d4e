"""Reproducible imports of public datasets into the people tables (one module per source)."""
