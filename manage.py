#!/usr/bin/env python
"""Django's manage.py; the installed `sikap` command does the same and more."""

import sys

from sikap.cli import main

if __name__ == "__main__":
    sys.exit(main())
