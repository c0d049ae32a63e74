"""`regiedesk report plan|progress|hours|team ... --out FILE.pdf` on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from .domain.validate import count_nl
from .domain.vocabulary import Field
from .errors import ValidationError
from .i18n import Language, current_language, pick


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            pick(
                f"'{value}' is geen datum als 2026-11-24",
                f"'{value}' is not a date like 2026-11-24",
            )
        ) from None


def _month(value: str) -> tuple[dt.date, dt.date]:
    try:
        first = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(
            pick(f"'{value}' is geen maand als 2026-10", f"'{value}' is not a month like 2026-10")
        ) from None
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _family_id(services: Any, wanted: str) -> str:
    """A family by its id or its exact name (ignoring case)."""
    families = services.families.list_families()
    by_id = [f for f in families if f.id == wanted]
    named = [f for f in families if f.name.casefold() == wanted.strip().casefold()]
    found = by_id or named
    if len(found) == 1:
        return str(found[0].id)
    if not found:
        raise ValidationError(
            Field.FAMILY,
            f"Geen gezin met de naam of het id '{wanted}'. Controleer de naam.",
            f"No family with the name or id '{wanted}'. Check the name.",
        )
    raise ValidationError(
        Field.FAMILY,
        f"Meer dan één gezin heet '{wanted}'; geef het id van het gezin.",
        f"More than one family is called '{wanted}'; give the family's id.",
    )


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    if getattr(args, "month", None):
        return args.month  # type: ignore[no-any-return]
    if args.start is None or args.end is None:
        raise ValidationError(
            Field.PERIOD,
            "Geef de periode met --from en --to (of --month voor de uren).",
            "Give the period with --from and --to (or --month for the hours).",
        )
    return args.start, args.end


def _language(args: argparse.Namespace) -> Language:
    return args.lang or current_language()


def cmd_report(args: argparse.Namespace) -> int:
    from .cli import out, passphrase
    from .reports import (
        Letterhead,
        hours_report,
        plan_report,
        progress_report,
        render_team,
        write_report,
    )
    from .services import Services
    from .store import open_profile

    language = _language(args)
    organisation = args.organisation  # the organisation file, read by cli.main
    letterhead = Letterhead(organisation.name, organisation.logo)
    team = None
    if args.kind == "team":  # a bad figures file stops before the passphrase is asked
        team = _team_input(args)
    secret, _ = passphrase(args)
    with open_profile(args.data_dir, secret) as store:
        services = Services(store)
        if args.kind == "plan":
            report = plan_report(
                services,
                _family_id(services, args.family),
                language=language,
                letterhead=letterhead,
            )
        elif args.kind == "progress":
            start, end = _period(args)
            report = progress_report(
                services,
                _family_id(services, args.family),
                start=start,
                end=end,
                text=_text(args),
                note_ids=args.note or (),
                language=language,
                letterhead=letterhead,
            )
        elif args.kind == "hours":
            start, end = _period(args)
            families = [_family_id(services, f) for f in args.family] if args.family else None
            report = hours_report(
                services,
                start=start,
                end=end,
                family_ids=families,
                caseworker=None if args.all_caseworkers else store.actor.user,
                language=language,
                letterhead=letterhead,
            )
        else:
            assert team is not None
            report = render_team(team, language=language, letterhead=letterhead)
        size = write_report(store, report, Path(args.out), overwrite=args.overwrite)
    out(
        pick(
            f"Rapport geschreven: {args.out} ({count_nl(size)} bytes). Dit bestand is NIET "
            "versleuteld: bewaar het veilig en verwijder het na gebruik.",
            f"Report written: {args.out} ({size:,} bytes). This file is NOT encrypted: "
            "keep it safe and delete it after use.",
        )
    )
    return 0


def _text(args: argparse.Namespace) -> str:
    if args.text_file is None:
        return str(args.text or "")
    try:
        return Path(args.text_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(
            Field.TEXT,
            f"Het tekstbestand {args.text_file} kan niet worden gelezen (UTF-8).",
            f"The text file {args.text_file} cannot be read (UTF-8).",
        ) from None


def _team_input(args: argparse.Namespace) -> Any:
    from .reports.team_file import read_team_figures

    if args.practice:
        from .reports.practice import practice_team

        return practice_team(end=dt.date.today())
    if args.figures is None:
        raise ValidationError(
            Field.FIGURES,
            "Geef het bestand met teamcijfers met --figures (of --practice voor een oefenteam).",
            "Give the team figures file with --figures (or --practice for a practice team).",
        )
    return read_team_figures(Path(args.figures))


def add_report_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `report` command and its four kinds, each with the common options."""
    report = sub.add_parser(
        "report",
        help=pick("schrijf een rapport als PDF", "write a report as PDF"),
        description=pick(
            "Schrijf een rapport als PDF, met een logregel 'print'.",
            "Write a report as PDF, with a 'print' audit event.",
        ),
    )
    kinds = report.add_subparsers(dest="kind", metavar="RAPPORT", required=True)
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--out", required=True, help=pick("het PDF-bestand", "the PDF file"))
    output.add_argument(
        "--overwrite",
        action="store_true",
        help=pick("vervang een bestaand bestand", "replace an existing file"),
    )
    output.add_argument("--lang", choices=("nl", "en"), help=pick("taal", "language"))
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--from", dest="start", type=_date, help="2026-01-01")
    period.add_argument("--to", dest="end", type=_date, help="2026-06-30")

    def kind(name: str, nl: str, en: str, parents: list[argparse.ArgumentParser]) -> Any:
        p = kinds.add_parser(
            name, parents=[common, output, *parents], help=pick(nl, en), description=pick(nl, en)
        )
        p.set_defaults(handler=cmd_report)
        return p

    p = kind("plan", "het gezinsplan om te ondertekenen", "the family plan to sign", [])
    p.add_argument("--family", required=True, help=pick("naam of id", "name or id"))
    p = kind("progress", "voortgangsrapportage over een periode", "progress report", [period])
    p.add_argument("--family", required=True, help=pick("naam of id", "name or id"))
    p.add_argument("--text", help=pick("de toelichting", "the account"))
    p.add_argument("--text-file", help=pick("de toelichting uit een bestand", "account from file"))
    p.add_argument(
        "--note", action="append", help=pick("id van een verslag om op te nemen", "a note's id")
    )
    p = kind("hours", "urenverantwoording", "hours statement", [period])
    p.add_argument("--month", type=_month, help="2026-10")
    p.add_argument(
        "--family", action="append", help=pick("alleen dit gezin (herhaalbaar)", "only this family")
    )
    p.add_argument(
        "--all-caseworkers",
        action="store_true",
        help=pick("ook uren van anderen op deze gezinnen", "hours of everyone on the families"),
    )
    p = kind("team", "teamrapportage", "team report", [])
    p.add_argument("--figures", help=pick("JSON-bestand met teamcijfers", "team figures JSON"))
    p.add_argument(
        "--practice", action="store_true", help=pick("een fictief oefenteam", "a practice team")
    )
