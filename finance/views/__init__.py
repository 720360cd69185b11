"""Pages of the finance app, one module per page family."""
