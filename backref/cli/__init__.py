"""The command line: argparse, the table of commands, terminal handling; prints what core renders."""
