"""The full-screen view (Textual). Top floor: only the CLI imports this package."""
