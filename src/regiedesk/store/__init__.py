"""The encrypted local store: key handling, schema, the open database and profile lifecycle."""

from ..check_report import CheckReport
from .backup import backup_profile, restore_profile
from .check import check_profile
from .database import Actor, Store, Tx
from .keys import DEFAULT_KDF, MIN_PASSPHRASE_LENGTH, KdfParams
from .profile import change_passphrase, create_profile, open_profile, profile_exists

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
