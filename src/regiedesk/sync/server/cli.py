"""`regiedesk-server`: run the server and manage users, teams, families and devices."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import platformdirs

from ...errors import CommandError
from ..protocol import Role
from . import auth, queries, sign_in
from .db import ServerDB

DB_ENV = "REGIEDESK_SERVER_DB"
PASSWORD_ENV = "REGIEDESK_SERVER_PASSWORD"


def default_db_url() -> str:
    folder = Path(platformdirs.user_data_dir("regiedesk-server", appauthor=False))
    return f"sqlite:///{folder / 'server.db'}"


def read_password() -> str:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise CommandError(f"no password: set {PASSWORD_ENV} or run in a terminal")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise CommandError("the two passwords differ")
    return first


def user_add(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        exists = queries.user(tx, args.name) is not None
    if exists:
        raise CommandError(f"user {args.name} already exists")
    password = read_password()
    if len(password) < 12:
        raise CommandError("a password needs at least 12 characters")
    secret = auth.new_totp_secret() if args.role in auth.NEEDS_SECOND_FACTOR else None
    with db.transaction() as tx:
        queries.add_user(tx, args.name, args.role, auth.hash_password(password), secret)
    print(f"user {args.name} added ({args.role})")
    if secret:
        print("second factor: add this to an authenticator app")
        print(f"  secret: {secret}")
        print(f"  uri:    {auth.provisioning_uri(secret, args.name)}")


def user_disable(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        if not queries.disable_user(tx, args.name):
            raise CommandError(f"no user {args.name}")
    print(f"user {args.name} disabled")


def user_unlock(db: ServerDB, args: argparse.Namespace) -> None:
    """End an account's failed sign-ins and its wait (a user locked out by mistyping)."""
    if not sign_in.unlock(db, args.name):
        print(f"user {args.name} had no failed sign-ins")
        return
    queries.log_access(db, args.name, None, "unlock", "ok")
    print(f"user {args.name} unlocked: the count of failed sign-ins starts again")


def team_add(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        if not queries.add_team(tx, args.name):
            raise CommandError(f"team {args.name} already exists")
    print(f"team {args.name} added")


def team_member(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        if not queries.team_exists(tx, args.team):
            raise CommandError(f"no team {args.team}")
        if queries.user(tx, args.user) is None:
            raise CommandError(f"no user {args.user}")
        queries.add_team_member(tx, args.team, args.user)
    print(f"{args.user} is in team {args.team}")


def family_assign(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        found = queries.user(tx, args.user)
        if found is None or found["role"] != Role.CASEWORKER:
            raise CommandError(f"no caseworker {args.user}")
        if not queries.assign_family(tx, args.family, args.user):
            raise CommandError(f"no family {args.family}")
    print(f"family {args.family} assigned to {args.user}")


def delegation_add(db: ServerDB, args: argparse.Namespace) -> None:
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.until)
    if end < start:
        raise CommandError("the end date is before the start date")
    with db.transaction() as tx:
        if queries.family_caseworker(tx, args.family) is None:
            raise CommandError(f"no family {args.family}")
        queries.add_delegation(tx, args.family, args.user, start, end)
    print(f"{args.user} stands in for family {args.family} from {start} until {end}")


def device_list(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        rows = queries.devices(tx)
    for row in rows:
        state = "REVOKED" if row["revoked"] else "active"
        seen = row["last_seen"] or "-"
        print(f"{row['id']}  {row['user_name']:<20} {row['name']:<24} {state}  last seen {seen}")


def device_revoke(db: ServerDB, args: argparse.Namespace) -> None:
    with db.transaction() as tx:
        if not queries.revoke_device(tx, args.device):
            raise CommandError(f"no device {args.device}")
    print(f"device {args.device} revoked: it will wipe its data at its next contact")


def app_from_env() -> Any:
    """The app over the database in ``REGIEDESK_SERVER_DB``: the factory each worker calls."""
    from .app import create_app

    return create_app(ServerDB(os.environ[DB_ENV]))


def serve(db_url: str, args: argparse.Namespace) -> None:
    import uvicorn

    from .app import create_app

    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "ssl_certfile": args.ssl_certfile,
        "ssl_keyfile": args.ssl_keyfile,
        "log_level": "info",
        "access_log": False,  # request lines carry family ids in query strings
    }
    if args.workers > 1:
        # Worker processes import the app themselves; migrate once here, before they start.
        ServerDB(db_url).close()
        os.environ[DB_ENV] = db_url
        factory = "regiedesk.sync.server.cli:app_from_env"
        uvicorn.run(factory, factory=True, workers=args.workers, **options)
        return
    uvicorn.run(create_app(ServerDB(db_url)), **options)


def check(db_url: str) -> int:
    from .check import check_server

    report = check_server(db_url)
    for ok, line in report.lines:
        print(("OK    " if ok else "FAIL  ") + line)
    return 0 if report.ok else 1


def audit_verify(db: ServerDB, args: argparse.Namespace) -> int:
    from .audit_trail import verify

    report = verify(db)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def audit_remove_expired(db: ServerDB, args: argparse.Namespace) -> int:
    from ...clock import utc_now
    from .audit_trail import remove_expired, retention_years

    years = args.years or retention_years()
    removed = remove_expired(db, years=years, now=utc_now(), by=args.by)
    print(f"{removed} audit events older than {years} years removed (the removal is logged)")
    return 0


def destroy(db: ServerDB, args: argparse.Namespace) -> None:
    from . import destruction

    kill = destruction.destroy_family if args.kind == "family" else destruction.destroy_member
    try:
        with db.transaction() as tx:
            removed = kill(tx, args.id, by=args.by, reason=args.reason, exceptions=args.keep or [])
    except LookupError:
        raise CommandError(f"no {args.kind} {args.id} on this server") from None
    print(f"{args.kind} {args.id} destroyed: {removed} changes removed; laptops follow at sync")


def retention_review(db: ServerDB, args: argparse.Namespace) -> None:
    from . import destruction

    with db.transaction() as tx:
        due = destruction.due_for_review(tx, years=args.years, today=dt.date.today())
    for row in due:
        print(f"{row['family']}\tlast change {row['last_change']}\tclosed {row['end_date']}")
    print(f"{len(due)} closed families with no change in {args.years} years")
    if args.destroy and due:
        if args.by is None:
            raise CommandError("--destroy needs --by NAME")
        with db.transaction() as tx:
            for row in due:
                destruction.destroy_family(
                    tx, row["family"], by=args.by, exceptions=[],
                    reason=f"retention term of {args.years} years passed",
                )  # fmt: skip
        print(f"{len(due)} families destroyed")


def org_key(db: ServerDB | None, args: argparse.Namespace) -> None:
    """A new recovery key pair: the private key to a new 0600 file, the public key shown
    for the organisation file. The private key stays off the laptops."""
    from ...errors import BackupError
    from ...files import write_new_file
    from ...recovery_key import new_organisation_key

    if Path(args.out).exists():
        raise CommandError(f"{args.out} already exists; nothing was overwritten")
    private, public = new_organisation_key()
    write_new_file(Path(args.out), private, exists=BackupError)
    print(f"private key written to {args.out}: keep it offline, e.g. with the privacy officer")
    print("put the public key in the organisation file:")
    print("  [recovery]")
    print(f'  public_key = "{public}"')


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regiedesk-server")
    parser.add_argument("--db", default=os.environ.get(DB_ENV), help=f"database URL (or {DB_ENV})")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument(
        "--workers", type=int, default=1, help="worker processes (default 1; each has its own pool)"
    )
    sub.add_parser("check", help="database reachable, schema current, clock right (exit 0/1)")
    sub.add_parser("migrate", help="bring the database schema up to date, then exit")
    user = sub.add_parser("user").add_subparsers(dest="action", required=True)
    p = user.add_parser("add")
    p.add_argument("name")
    p.add_argument("--role", choices=auth.ROLES, required=True)
    p.set_defaults(handler=user_add)
    p = user.add_parser("disable")
    p.add_argument("name")
    p.set_defaults(handler=user_disable)
    p = user.add_parser("unlock", help="end the wait after failed sign-ins (429)")
    p.add_argument("name")
    p.set_defaults(handler=user_unlock)
    team = sub.add_parser("team").add_subparsers(dest="action", required=True)
    p = team.add_parser("add")
    p.add_argument("name")
    p.set_defaults(handler=team_add)
    p = team.add_parser("member")
    p.add_argument("team")
    p.add_argument("user")
    p.set_defaults(handler=team_member)
    family = sub.add_parser("family").add_subparsers(dest="action", required=True)
    p = family.add_parser("assign")
    p.add_argument("family")
    p.add_argument("user")
    p.set_defaults(handler=family_assign)
    delegation = sub.add_parser("delegation").add_subparsers(dest="action", required=True)
    p = delegation.add_parser("add")
    p.add_argument("family")
    p.add_argument("user")
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--until", required=True)
    p.set_defaults(handler=delegation_add)
    for kind in ("family", "member"):
        parent = (
            family
            if kind == "family"
            else sub.add_parser("member").add_subparsers(dest="action", required=True)
        )
        p = parent.add_parser("destroy", help=f"destroy a {kind} for good (AVG art. 17)")
        p.add_argument("id")
        p.add_argument("--by", required=True, help="who destroys it (logged)")
        p.add_argument("--reason", required=True, help="e.g. 'request of the client, 2026-12-03'")
        p.add_argument("--keep", action="append", help="an exception the law allows, with why")
        p.set_defaults(handler=destroy, kind=kind)
    p = family.add_parser("retention", help="closed families past the Jeugdwet term (20 years)")
    p.add_argument("--years", type=int, default=20)
    p.add_argument("--destroy", action="store_true", help="destroy the families listed")
    p.add_argument("--by", help="who confirms the destruction (logged)")
    p.set_defaults(handler=retention_review)
    device = sub.add_parser("device").add_subparsers(dest="action", required=True)
    device.add_parser("list").set_defaults(handler=device_list)
    p = device.add_parser("revoke")
    p.add_argument("device")
    p.set_defaults(handler=device_revoke)
    org = sub.add_parser("org").add_subparsers(dest="action", required=True)
    p = org.add_parser("key", help="make the organisation's recovery key pair (X25519)")
    p.add_argument("--out", required=True, help="the private key's file (PEM, made 0600)")
    p.set_defaults(handler=org_key, no_db=True)
    audit = sub.add_parser("audit").add_subparsers(dest="action", required=True)
    audit.add_parser(
        "verify", help="walk the central audit trail's chains: changed, removed, moved (exit 0/1)"
    ).set_defaults(handler=audit_verify)
    p = audit.add_parser(
        "remove-expired", help="remove audit events past the retention term (default 5 years)"
    )
    p.add_argument("--years", type=int, help="the term (else REGIEDESK_AUDIT_RETENTION_YEARS or 5)")
    p.add_argument("--by", required=True, help="who removes them (logged)")
    p.set_defaults(handler=audit_remove_expired)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    url = args.db or default_db_url()
    try:
        if args.command == "serve":
            serve(url, args)
            return 0
        if args.command == "check":
            return check(url)
        if args.command == "migrate":
            ServerDB(url).close()
            print("schema up to date")
            return 0
        if getattr(args, "no_db", False):
            args.handler(None, args)
            return 0
        db = ServerDB(url)
        try:
            status = args.handler(db, args)
        finally:
            db.close()
        if status:
            return int(status)
    except (CommandError, ValueError) as exc:
        print(f"regiedesk-server: {exc}", file=sys.stderr)
        return CommandError.exit_code
    except ModuleNotFoundError:
        raise  # regiedesk.parts.server_main names the missing part and how to install it
    except Exception as exc:  # a database that cannot be reached, and the like
        print(f"regiedesk-server: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
