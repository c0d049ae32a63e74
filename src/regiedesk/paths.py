"""Where a profile lives, and whose it is, when nothing says otherwise."""

from __future__ import annotations

import getpass
from pathlib import Path

FALLBACK_USER = "regisseur"


def default_data_dir() -> Path:
    import platformdirs  # the command line's default only; the app asks Qt (ui/app.py)

    return Path(platformdirs.user_data_dir("regiedesk", appauthor=False, roaming=False))


def os_user() -> str:
    """The operating system's name for the person logged in: a new profile's user."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return FALLBACK_USER
