"""Excel imports of the finance app: a template to download, and an all-or-nothing import of the filled file."""
