"""Conclusion-notice parser: pure functions from notice text to the gold annotation shape."""
