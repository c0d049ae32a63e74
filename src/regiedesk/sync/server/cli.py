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
from . import auth, queries
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
    device = sub.add_parser("device").add_subparsers(dest="action", required=True)
    device.add_parser("list").set_defaults(handler=device_list)
    p = device.add_parser("revoke")
    p.add_argument("device")
    p.set_defaults(handler=device_revoke)
    audit = sub.add_parser("audit").add_subparsers(dest="action", required=True)
    audit.add_parser(
        "verify", help="walk the central audit trail's chains: changed, removed, moved (exit 0/1)"
    ).set_defaults(handler=audit_verify)
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
