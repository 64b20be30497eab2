"""`python -m backref`."""
import sys

from backref.cli import main

sys.exit(main())
