import sys

from arnews.cli import console

sys.exit(console())
