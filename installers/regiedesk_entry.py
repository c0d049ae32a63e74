"""The frozen app's entry point: the same `regiedesk` command as the Python package's."""

import sys

from regiedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
