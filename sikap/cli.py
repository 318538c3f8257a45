"""The `sikap` command: the scoring commands without a database, otherwise Django's manage.py."""

from __future__ import annotations

import os
import sys

SCORING_COMMANDS = frozenset({"score", "sample-size"})


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # The scoring commands are plain Python: they must work with no settings and no database.
    if args and args[0] in SCORING_COMMANDS:
        from sikap.scoring.cli import main as scoring_main

        return scoring_main(args)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sikap", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
