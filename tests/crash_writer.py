"""Child process for the crash and backup tests: write in a loop, one transaction each,
and print each id after its commit returned (line-buffered), until killed."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.store import open_profile


def main() -> None:
    data_dir, kind = Path(sys.argv[1]), sys.argv[2]
    store = open_profile(data_dir, os.environ["REGIEDESK_PASSPHRASE"])
    families = FamilyService(store)
    if kind == "families":
        i = 0
        while True:
            print(families.add_family(name=f"Gezin {i}").id, flush=True)
            i += 1
    family = families.add_family(name="Gezin Crash").id
    day = dt.date(2020, 1, 1)
    hours = HoursService(store, today=lambda: dt.date(2100, 1, 1))
    while True:
        entry = hours.add_entry(family, date=day, minutes=30, activity="huisbezoek")
        print(entry.id, flush=True)
        day += dt.timedelta(days=1)


if __name__ == "__main__":
    main()
