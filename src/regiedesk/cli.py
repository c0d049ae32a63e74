"""The command line: `regiedesk` and its sub-commands for work without a window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .i18n import pick


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regiedesk", description="regiedesk")
    parser.add_argument("--version", action="version", version=f"regiedesk {__version__}")
    parser.add_subparsers(dest="command")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        print(
            pick(
                "Het bureaubladvenster van regiedesk komt in een volgende versie. "
                "Gebruik tot dan de opdrachten: regiedesk --help",
                "The regiedesk desktop window arrives in a later version. "
                "Until then, use the commands: regiedesk --help",
            ),
            file=sys.stderr,
        )
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
