"""Run a regiedesk entry point as if some top-level modules were not installed.

python tests/without_modules.py fastapi,uvicorn regiedesk.parts:server_main ARGS...
"""

from __future__ import annotations

import importlib
import sys
from importlib.abc import MetaPathFinder


class Absent(MetaPathFinder):
    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


if __name__ == "__main__":
    sys.meta_path.insert(0, Absent(set(sys.argv[1].split(","))))
    module, function = sys.argv[2].split(":")
    sys.exit(getattr(importlib.import_module(module), function)(sys.argv[3:]))
