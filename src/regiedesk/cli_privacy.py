"""`regiedesk privacy trail --client ID --from D --to D [--out FILE.pdf]`: the privacy
officer's view of the central audit trail, from a profile connected as privacy officer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .i18n import pick


def cmd_privacy_trail(args: argparse.Namespace) -> int:
    from .cli import out, passphrase
    from .cli_reports import _language
    from .reports import Letterhead, render_privacy, write_report
    from .reports.privacy import event_word
    from .reports.words import Words
    from .store import open_profile
    from .sync.session import privacy_trail

    language = _language(args)
    secret, _ = passphrase(args)
    with open_profile(args.data_dir, secret) as store:
        events = privacy_trail(store, args.client, args.start, args.end)
        words = Words(language)
        for e in events:
            out(
                "\t".join(
                    [
                        e["at"], event_word(words, e["event"]), e["account"],
                        e["responsible_user"], e["device_name"] or e["device_id"],
                        ", ".join(json.loads(e["objects"])),
                    ]
                )
            )  # fmt: skip
        out(pick(f"{len(events)} gebeurtenissen.", f"{len(events)} events."))
        if args.out:
            organisation = args.organisation
            report = render_privacy(
                args.client, args.start, args.end, events, language=language,
                letterhead=Letterhead(organisation.name, organisation.logo),
            )  # fmt: skip
            write_report(store, report, Path(args.out), overwrite=args.overwrite)
            out(
                pick(
                    f"Rapport geschreven: {args.out}. Dit bestand is NIET versleuteld.",
                    f"Report written: {args.out}. This file is NOT encrypted.",
                )
            )
    return 0


def cmd_privacy_access(args: argparse.Namespace) -> int:
    from .cli import out, passphrase
    from .cli_reports import _language
    from .errors import BackupError
    from .files import write_new_file
    from .reports import Letterhead, render_access, write_report
    from .store import open_profile
    from .sync.session import privacy_access

    secret, _ = passphrase(args)
    with open_profile(args.data_dir, secret) as store:
        answer = privacy_access(store, args.client, args.member)
        data = json.dumps(answer, ensure_ascii=False, indent=2).encode("utf-8")
        write_new_file(Path(args.out), data, exists=BackupError)
        store.record_access(
            "export", client=args.client, objects=[f"families/{args.client}", "access"]
        )
        if args.pdf:
            organisation = args.organisation
            report = render_access(
                answer, language=_language(args),
                letterhead=Letterhead(organisation.name, organisation.logo),
            )  # fmt: skip
            write_report(store, report, Path(args.pdf))
    out(
        pick(
            f"Inzage geschreven: {args.out}{' en ' + args.pdf if args.pdf else ''}. "
            "Deze bestanden zijn NIET versleuteld.",
            f"Access written: {args.out}{' and ' + args.pdf if args.pdf else ''}. "
            "These files are NOT encrypted.",
        )
    )
    return 0


def add_privacy_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    from .cli_reports import _date

    privacy = sub.add_parser(
        "privacy", help=pick("voor de privacyfunctionaris", "for the privacy officer")
    )
    actions = privacy.add_subparsers(dest="action", metavar="OPDRACHT", required=True)
    p = actions.add_parser(
        "trail",
        parents=[common],
        help=pick(
            "wie zag of wijzigde wat van een cliënt, per periode",
            "who saw or changed what of a client, for a period",
        ),
    )
    p.add_argument("--client", required=True, help=pick("id van het gezin", "the family's id"))
    p.add_argument("--from", dest="start", type=_date, required=True, help="2026-01-01")
    p.add_argument("--to", dest="end", type=_date, required=True, help="2026-06-30")
    p.add_argument("--out", help=pick("ook als PDF-bestand", "also as a PDF file"))
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--lang", choices=("nl", "en"))
    p.set_defaults(handler=cmd_privacy_trail)
    p = actions.add_parser(
        "access",
        parents=[common],
        help=pick(
            "inzage: alles wat de organisatie van een gezin of gezinslid heeft",
            "access request: everything held about a family or a member",
        ),
    )
    p.add_argument("--client", required=True, help=pick("id van het gezin", "the family's id"))
    p.add_argument("--member", help=pick("alleen dit gezinslid (id)", "only this member (id)"))
    p.add_argument("--out", required=True, help=pick("het JSON-bestand", "the JSON file"))
    p.add_argument("--pdf", help=pick("ook als leesbare PDF", "also as a readable PDF"))
    p.add_argument("--lang", choices=("nl", "en"))
    p.set_defaults(handler=cmd_privacy_access)
