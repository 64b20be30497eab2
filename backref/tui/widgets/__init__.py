"""Widgets of the full-screen view, one per file."""
