"""`python -m backref`."""
import sys

from backref.cli.main import main

sys.exit(main())
