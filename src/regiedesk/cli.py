"""The command line: `regiedesk` and its sub-commands for work without a window.

Exit codes: 0 success, 1 a check found problems, 2 bad input, 3 storage,
4 wrong passphrase, 5 sync, 130 interrupted (see errors.py). Messages are
Dutch unless LANG asks for English.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, organisation_cli
from .cli_privacy import add_privacy_commands
from .cli_reports import add_report_commands
from .domain.validate import count_nl
from .errors import DeviceRevoked, RecoveryFailed, RegiedeskError, UsageError
from .i18n import pick
from .logging_setup import setup_logging
from .organisation import load_organisation
from .parts import missing_part
from .paths import default_data_dir, os_user

log = logging.getLogger("regiedesk.cli")

PASSPHRASE_ENV = "REGIEDESK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "REGIEDESK_NEW_PASSPHRASE"
# options the desktop app takes; a command line that starts with one of them opens the window
DESKTOP_OPTIONS = ("--data-dir", "--log-dir")
# what the window needs beyond the commands: Qt, and the encrypted database it opens
WINDOW_PARTS = frozenset({"PySide6", "shiboken6", "sqlcipher3", "regiedesk"})


def _read_secret_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise UsageError(
            f"Het wachtwoordbestand {path} kan niet worden gelezen.",
            f"The passphrase file {path} cannot be read.",
        ) from exc


def _prompt(text: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            f"Geen wachtwoord: geef het met --passphrase-file of {PASSPHRASE_ENV}.",
            f"No passphrase: pass it with --passphrase-file or {PASSPHRASE_ENV}.",
        )
    return getpass.getpass(text)


def passphrase(args: argparse.Namespace, *, new: bool = False) -> tuple[str, str | None]:
    """The passphrase and, when a new one was typed at a prompt, its repetition."""
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file), None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV], None
    first = _prompt(pick("Wachtwoord: ", "Passphrase: "))
    if not new:
        return first, None
    return first, _prompt(pick("Herhaal het wachtwoord: ", "Repeat the passphrase: "))


def new_passphrase(args: argparse.Namespace) -> tuple[str, str | None]:
    if args.new_passphrase_file:
        return _read_secret_file(args.new_passphrase_file), None
    if os.environ.get(NEW_PASSPHRASE_ENV):
        return os.environ[NEW_PASSPHRASE_ENV], None
    first = _prompt(pick("Nieuw wachtwoord: ", "New passphrase: "))
    return first, _prompt(pick("Herhaal het nieuwe wachtwoord: ", "Repeat the new passphrase: "))


def out(text: str) -> None:
    print(text)


# --- commands -------------------------------------------------------------------


def _passphrase_minimum(args: argparse.Namespace) -> int:
    """The organisation's minimum passphrase length, or regiedesk's own."""
    from .store import MIN_PASSPHRASE_LENGTH

    return int(args.organisation.min_passphrase_length or MIN_PASSPHRASE_LENGTH)


def _server_url(args: argparse.Namespace) -> str:
    """--server, or the organisation's server; the organisation's cannot be overridden."""
    preset = args.organisation.server_url
    if preset and args.server and args.server.rstrip("/") != preset:
        raise UsageError(
            f"Uw organisatie heeft de server vastgelegd op {preset} "
            f"({args.organisation.path}); laat --server weg.",
            f"Your organisation has fixed the server to {preset} "
            f"({args.organisation.path}); leave out --server.",
        )
    if not (preset or args.server):
        raise UsageError(
            "Geef het adres van de server met --server.",
            "Give the server's address with --server.",
        )
    return str(preset or args.server)


def cmd_init(args: argparse.Namespace) -> int:
    from .store import create_profile

    secret, repeated = passphrase(args, new=True)
    store = create_profile(
        args.data_dir,
        secret,
        repeated=repeated,
        user=args.user or os_user(),
        min_passphrase_length=_passphrase_minimum(args),
        recovery_key=args.organisation.recovery_public_key,
    )
    store.close()
    out(pick(f"Profiel gemaakt in {args.data_dir}.", f"Profile created in {args.data_dir}."))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from .store import change_passphrase

    old, _ = passphrase(args)
    new, repeated = new_passphrase(args)
    change_passphrase(
        args.data_dir, old, new, repeated=repeated, min_passphrase_length=_passphrase_minimum(args)
    )
    out(pick("Het wachtwoord is gewijzigd.", "The passphrase has been changed."))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    """A new passphrase without the old one, with the organisation's private key."""
    from .store.profile import recover_profile

    try:
        private = Path(args.private_key).read_bytes()
    except OSError:
        raise RecoveryFailed("not_a_key") from None
    new, repeated = new_passphrase(args)
    recover_profile(
        args.data_dir, private, new, repeated=repeated,
        min_passphrase_length=_passphrase_minimum(args),
    )  # fmt: skip
    out(
        pick(
            "Er is een nieuw wachtwoord ingesteld; het oude werkt niet meer.",
            "A new passphrase is set; the old one no longer works.",
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .store import check_profile

    secret, _ = passphrase(args)
    report = check_profile(args.data_dir, secret)
    for ok, line in report.lines:
        out(("OK    " if ok else pick("FOUT  ", "FAIL  ")) + line)
    out(
        pick("Alles in orde.", "All is well.")
        if report.ok
        else pick("Er zijn problemen.", "There are problems.")
    )
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from .store import backup_profile

    secret, _ = passphrase(args)
    backup_profile(args.data_dir, secret, Path(args.out))
    out(pick(f"Reservekopie geschreven: {args.out}", f"Backup written: {args.out}"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .store import restore_profile

    secret, _ = passphrase(args)
    restore_profile(Path(args.file), args.data_dir, secret)
    out(
        pick(
            f"Reservekopie teruggezet in {args.data_dir}.", f"Backup restored into {args.data_dir}."
        )
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_json
    from .store import open_profile

    secret, _ = passphrase(args)
    with open_profile(args.data_dir, secret) as store:
        size = export_json(store, Path(args.out))
    out(
        pick(
            f"Export geschreven: {args.out} ({count_nl(size)} bytes). Dit bestand is NIET "
            "versleuteld: "
            "bewaar het veilig en verwijder het na gebruik.",
            f"Export written: {args.out} ({size:,} bytes). This file is NOT encrypted: "
            "keep it safe and delete it after use.",
        )
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import generate_demo
    from .store import create_profile

    secret, repeated = passphrase(args, new=True)
    with create_profile(args.data_dir, secret, repeated=repeated, user=args.user) as store:
        summary = generate_demo(store, seed=args.seed, families=args.families)
    out(
        pick(
            f"Oefenomgeving gemaakt in {args.data_dir}: {summary.families} gezinnen, "
            f"{summary.hours_entries} urenregels.",
            f"Practice environment created in {args.data_dir}: {summary.families} families, "
            f"{summary.hours_entries} hours entries.",
        )
    )
    return 0


def cmd_connect(args: argparse.Namespace) -> int:
    from .store import open_profile
    from .sync.client import check_server_url
    from .sync.session import connect_profile, refuse_practice

    server = _server_url(args)
    check_server_url(server, allow_http=args.allow_http)  # before the password is asked
    secret, _ = passphrase(args)
    with open_profile(args.data_dir, secret) as store:
        refuse_practice(store)  # before the server password is asked, too
        password = os.environ.get("REGIEDESK_SERVER_PASSWORD") or _prompt(
            pick("Wachtwoord voor de server: ", "Server password: ")
        )
        connect_profile(store, server, args.user, password, args.totp, allow_http=args.allow_http)
    out(pick(f"Gekoppeld aan {server} als {args.user}.", f"Connected to {server} as {args.user}."))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from .store import open_profile
    from .sync.session import sync_profile, wipe_revoked

    secret, _ = passphrase(args)
    try:
        recovery = args.organisation.recovery_public_key
        with open_profile(args.data_dir, secret, recovery_key=recovery) as store:
            report = sync_profile(store, verify_all=True)
    except DeviceRevoked:
        wipe_revoked(args.data_dir)  # the organisation revoked this laptop; the store is closed
        raise
    out(pick(f"Gesynchroniseerd: {report.text()}.", f"Synced: {report.text()}."))
    return 0


def run_desktop(argv: Sequence[str]) -> int:
    """Start the desktop window (regiedesk.ui.app.run), or say which part it lacks."""
    try:
        app = importlib.import_module("regiedesk.ui.app")
        return int(app.run(list(argv)))
    except ModuleNotFoundError as exc:
        part = (exc.name or "").split(".")[0]
        if part not in WINDOW_PARTS:
            raise
        log.error("the window cannot start: %s is missing", exc.name)
        print(
            pick(
                f"Het venster van regiedesk kan niet starten: het onderdeel {exc.name} ontbreekt. "
                "Installeer regiedesk opnieuw; de opdrachten werken intussen wel: "
                "regiedesk --help",
                f"The regiedesk window cannot start: the part {exc.name} is missing. "
                "Reinstall regiedesk; meanwhile the commands work: regiedesk --help",
            ),
            file=sys.stderr,
        )
        return 1


# --- parser ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regiedesk",
        description=pick(
            "regiedesk: het versleutelde dossier van de regisseur. Zonder opdracht start het "
            "venster.",
            "regiedesk: the caseworker's encrypted record. Without a command the window starts.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"regiedesk {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=pick("map van het profiel", "the profile's folder"),
    )
    common.add_argument(
        "--passphrase-file",
        help=pick(
            f"lees het wachtwoord uit dit bestand (of zet {PASSPHRASE_ENV})",
            f"read the passphrase from this file (or set {PASSPHRASE_ENV})",
        ),
    )
    common.add_argument(
        "--log-dir", type=Path, default=None, help=pick("map voor het logboek", "log folder")
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")

    def add(
        name: str, nl: str, en: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=pick(nl, en), description=pick(nl, en))
        p.set_defaults(handler=handler)
        return p

    p = add("init", "maak een nieuw profiel", "create a new profile", cmd_init)
    p.add_argument(
        "--user",
        default=None,
        help=pick(
            "gebruikersnaam (standaard: die van het systeem)", "user name (default: the OS's)"
        ),
    )
    p = add("passwd", "wijzig het wachtwoord", "change the passphrase", cmd_passwd)
    p.add_argument("--new-passphrase-file", help=f"(of/or {NEW_PASSPHRASE_ENV})")
    p = add(
        "recover",
        "nieuw wachtwoord met de herstelsleutel van de organisatie",
        "a new passphrase with the organisation's recovery key",
        cmd_recover,
    )
    p.add_argument("--private-key", required=True, help=pick("PEM-bestand", "PEM file"))
    p.add_argument("--new-passphrase-file", help=f"(of/or {NEW_PASSPHRASE_ENV})")
    add(
        "check",
        "controleer wachtwoord, sleutel, schema en integriteit",
        "verify passphrase, key, schema and integrity",
        cmd_check,
    )
    p = add(
        "backup", "schrijf een versleutelde reservekopie", "write an encrypted backup", cmd_backup
    )
    p.add_argument("--out", required=True)
    p = add(
        "restore",
        "zet een reservekopie terug in een lege map",
        "restore a backup into an empty folder",
        cmd_restore,
    )
    p.add_argument("file")
    p = add(
        "export",
        "schrijf alles als leesbare JSON (inzageverzoek)",
        "write everything as readable JSON (access request)",
        cmd_export,
    )
    p.add_argument("--out", required=True)
    p = add(
        "demo",
        "maak een oefenomgeving met fictieve gezinnen",
        "create a practice environment with fictional families",
        cmd_demo,
    )
    p.add_argument("--user", default="oefenregisseur")
    p.add_argument("--families", type=int, default=12)
    p.add_argument("--seed", type=int, default=20261124)
    p = add(
        "connect",
        "koppel dit profiel aan de server",
        "connect this profile to the server",
        cmd_connect,
    )
    p.add_argument(
        "--server",
        help=pick(
            "adres van de server (niet nodig als de organisatie het vastlegt)",
            "the server's address (not needed when the organisation presets it)",
        ),
    )
    p.add_argument("--user", required=True)
    p.add_argument("--totp", help=pick("code uit de authenticator-app", "authenticator code"))
    p.add_argument(
        "--allow-http",
        action="store_true",
        help=pick(
            "sta een onversleuteld http://-adres toe (alleen voor een test)",
            "allow an unencrypted http:// address (for a test only)",
        ),
    )
    add("sync", "synchroniseer één keer met de server", "sync once with the server", cmd_sync)
    add_report_commands(sub, common)
    add_privacy_commands(sub, common)
    organisation_cli.register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0].startswith(DESKTOP_OPTIONS):
        return run_desktop(arguments)  # the window: the commands' parser is not needed
    args = build_parser().parse_args(arguments)
    if args.command is None:
        return run_desktop(arguments)
    args.data_dir = args.data_dir or default_data_dir()
    setup_logging(args.log_dir, data_dir=args.data_dir)
    try:
        if args.command != "organisation":  # that one reads (or repairs) the file itself
            args.organisation = load_organisation()
            log.info("%s", args.organisation.describe())
        code = int(args.handler(args))
        log.info("command %s finished with %d", args.command, code)
        return code
    except RegiedeskError as error:
        log.warning("command %s failed: %s", args.command, type(error).__name__)
        print(error.message, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        log.warning("command %s interrupted", args.command)
        print(pick("Afgebroken.", "Interrupted."), file=sys.stderr)
        return 130
    except ModuleNotFoundError as error:
        part = missing_part(error)
        if part is None:
            raise
        log.warning("command %s needs the %s part", args.command, part.extra)
        print(part.message, file=sys.stderr)
        return part.exit_code
    except Exception as error:
        log.error("command %s crashed: %s", args.command, type(error).__name__)
        raise


if __name__ == "__main__":
    sys.exit(main())
