"""The encrypted local store: key handling, schema, the open database and profile lifecycle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..check_report import CheckReport
from .database import Actor, Store, Tx
from .keys import DEFAULT_KDF, MIN_PASSPHRASE_LENGTH, KdfParams
from .profile import change_passphrase, create_profile, open_profile, profile_exists

if TYPE_CHECKING:
    from .backup import backup_profile, restore_profile
    from .check import check_profile

# `regiedesk check`, `backup` and `restore` only: not loaded when the app starts (zipfile)
_LATER = {"backup_profile": ".backup", "restore_profile": ".backup", "check_profile": ".check"}

__all__ = [
    "DEFAULT_KDF",
    "MIN_PASSPHRASE_LENGTH",
    "Actor",
    "CheckReport",
    "KdfParams",
    "Store",
    "Tx",
    "backup_profile",
    "change_passphrase",
    "check_profile",
    "create_profile",
    "open_profile",
    "profile_exists",
    "restore_profile",
]


def __getattr__(name: str) -> Any:
    """``backup_profile``, ``restore_profile`` and ``check_profile``, imported on first use."""
    if name in _LATER:
        import importlib

        value = getattr(importlib.import_module(_LATER[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
