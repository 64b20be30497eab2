"""backref: an offline terminal reference and checklist for back cramps and spasms."""
__version__ = "0.1.0"
