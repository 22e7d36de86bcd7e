"""Schemas (the contract between stages), extractors and cross-checks."""
