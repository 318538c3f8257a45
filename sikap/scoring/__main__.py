"""Allow `python -m sikap.scoring` as a shortcut for the scoring CLI."""

import sys

from sikap.scoring.cli import main

if __name__ == "__main__":
    sys.exit(main())
