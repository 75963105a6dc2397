import sys

from arnews.cli import main

sys.exit(main())
