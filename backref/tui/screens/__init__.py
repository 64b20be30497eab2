"""Modal screens of the full-screen view, one per file."""
