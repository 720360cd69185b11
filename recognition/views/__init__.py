"""Pages of the recognition app, one module per page family."""
