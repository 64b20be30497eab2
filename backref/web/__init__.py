"""The browser front: `backref serve` runs the full-screen view in a browser on this machine
(textual-serve, from the `web` extra). May import tui and core; nothing below imports it."""
