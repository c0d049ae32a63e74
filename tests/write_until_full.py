"""Child process for the full-disk test: write families until the disk is full.

Exits 0 when the store reported the full disk as a StorageUnavailable error
and every family it reported as written is still readable afterwards.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from regiedesk.errors import StorageUnavailable
from regiedesk.services.families import FamilyService
from regiedesk.store import open_profile


def main() -> int:
    data_dir = Path(sys.argv[1])
    store = open_profile(data_dir, os.environ["REGIEDESK_PASSPHRASE"])
    families = FamilyService(store)
    written = []
    try:
        for i in range(100_000):
            written.append(families.add_family(name=f"Gezin {i} " + "x" * 150).id)
    except StorageUnavailable as error:
        print(error.message, file=sys.stderr)
    else:
        return 2
    finally:
        store.close()
    store = open_profile(data_dir, os.environ["REGIEDESK_PASSPHRASE"])
    try:
        present = {row["id"] for row in store.query("SELECT id FROM families")}
        return 0 if set(written) <= present else 3
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
