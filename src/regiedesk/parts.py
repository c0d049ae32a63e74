"""The two installable parts of regiedesk (pip extras) and what to say when one is missing.

``pip install 'regiedesk[desktop]'`` is the caseworker's laptop (the window and the
``regiedesk`` commands); ``pip install 'regiedesk[server]'`` is the sync server, without
Qt or SQLCipher. A command that needs the part that is not there stops with
``MissingPart`` (what is missing, the pip command that adds it), never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from .errors import MissingPart

# top-level modules -> the extra that installs them
PARTS = {
    **dict.fromkeys(
        ("PySide6", "shiboken6", "sqlcipher3", "reportlab", "httpx",
         "truststore", "merge3", "zxcvbn"),
        "desktop",
    ),
    **dict.fromkeys(
        ("fastapi", "starlette", "uvicorn", "pydantic", "argon2", "psycopg"), "server"
    ),
}  # fmt: skip


def missing_part(exc: ModuleNotFoundError) -> MissingPart | None:
    """The MissingPart for a module of one of the extras; None for anything else (a bug)."""
    module = (exc.name or "").split(".")[0]
    extra = PARTS.get(module)
    return None if extra is None else MissingPart(extra, module)


def server_main(argv: Sequence[str] | None = None) -> int:
    """`regiedesk-server`: the server's command line, or why it cannot run here."""

    def load() -> Callable[[Sequence[str] | None], int]:
        from .sync.server.cli import main

        return main

    try:
        return load()(argv)
    except ModuleNotFoundError as exc:
        part = missing_part(exc)
        if part is None:
            raise
        print(f"regiedesk-server: {part.message}", file=sys.stderr)
        return part.exit_code
