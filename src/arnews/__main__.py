import gc
import sys

gc.disable()  # while arnews and its libraries load (see arnews.cli.console)

from arnews.cli import console  # noqa: E402

sys.exit(console())
