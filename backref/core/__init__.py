"""The ground floor: content, search, state and plain rendering; no argparse, Textual or Rich."""
