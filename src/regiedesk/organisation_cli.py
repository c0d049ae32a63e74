"""`regiedesk organisation check|write`: the organisation file for administrators and
installers (the Windows MSI runs `write` with its public properties)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from .i18n import pick
from .organisation import SCHEMA, load_organisation, organisation_file, write_organisation

Add = Callable[[str, str, str, Callable[[argparse.Namespace], int]], argparse.ArgumentParser]


def cmd_organisation(args: argparse.Namespace) -> int:
    path = args.file or organisation_file()
    if args.action == "check":
        org = load_organisation(path)  # OrganisationFileError: the message, exit 2
        if not org.found:
            print(pick(f"Er is geen organisatiebestand: {path}.", f"There is no file {path}."))
            return 0
        for name in SCHEMA:
            if org.sets(name):
                value = getattr(org, name)
                shown = f"{len(value)} bytes" if isinstance(value, bytes) else value
                print(f"{name} = {shown}")
        print(pick(f"{path} is in orde.", f"{path} is right."))
        return 0
    values = {name: getattr(args, name) for name in SCHEMA}
    if all(value in (None, "") for value in values.values()):
        # an installer run without properties (an upgrade, say) keeps what is there
        print(
            pick("Niets te schrijven; er is niets veranderd.", "Nothing to write; nothing changed.")
        )
        return 0
    written = write_organisation(path, values)
    print(pick(f"Geschreven: {path}", f"Written: {path}"), f"({written.describe()})")
    return 0


def register(add: Add) -> None:
    p = add(
        "organisation",
        "controleer of schrijf het organisatiebestand",
        "check or write the organisation file",
        cmd_organisation,
    )
    p.add_argument("action", choices=("check", "write"))
    p.add_argument(
        "--file",
        type=Path,
        help=pick("een ander bestand dan dat van dit systeem", "another file than this system's"),
    )
    for name, field in SCHEMA.items():
        p.add_argument(
            "--" + name.replace("_", "-"), dest=name, help=f"[{field.section}] {field.key}"
        )
