from __future__ import annotations

import datetime as dt
import json

import pytest

from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def families(store: Store) -> FamilyService:
    return FamilyService(store, today=lambda: TODAY)


def test_create_get_list_and_search(families: FamilyService) -> None:
    a = families.add_family(name="Gezin de Vries", start_date=dt.date(2025, 1, 6))
    families.add_family(name="Gezin Bakker", status="actief")
    assert families.get_family(a.id) == a
    assert a.caseworker == "regisseur.anna"
    assert a.status == "aangemeld"
    assert [f.name for f in families.list_families()] == ["Gezin Bakker", "Gezin de Vries"]
    assert [f.name for f in families.list_families(search="vries")] == ["Gezin de Vries"]
    assert [f.name for f in families.list_families(status="actief")] == ["Gezin Bakker"]
    assert families.list_families(search="%") == []


def test_close_requires_known_reason_and_end_after_start(families: FamilyService) -> None:
    fam = families.add_family(name="Gezin Smit", start_date=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        families.close_family(fam.id, end_date=dt.date(2025, 2, 1), reason="doelen_behaald")
    with pytest.raises(ValidationError):
        families.close_family(fam.id, end_date=dt.date(2025, 6, 1), reason="zomaar")
    assert families.get_family(fam.id).status == "aangemeld"
    closed = families.close_family(fam.id, end_date=dt.date(2025, 6, 1), reason="uitval")
    assert (closed.status, closed.closure_reason) == ("afgesloten", "uitval")


def test_members_with_bsn_keep_leading_zero(families: FamilyService) -> None:
    fam = families.add_family(name="Gezin Yilmaz")
    # 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2-2 = 110, divisible by 11
    mother = families.add_member(
        fam.id, name="Ayla", role="ouder", date_of_birth=dt.date(1988, 4, 2), bsn="0123.456.72"
    )
    assert mother.bsn == "012345672"
    with pytest.raises(ValidationError) as err:
        families.add_member(fam.id, name="Kerem", role="kind", bsn="123456789")
    assert err.value.field == "bsn"
    with pytest.raises(ValidationError):
        families.add_member(fam.id, name="Kerem", role="kind", date_of_birth=dt.date(2030, 1, 1))
    assert [m.name for m in families.list_members(fam.id)] == ["Ayla"]


def test_every_write_appends_outbox_and_audit_in_one_transaction(
    families: FamilyService, store: Store
) -> None:
    fam = families.add_family(name="Gezin Jansen")
    families.update_family(fam.id, name="Gezin Jansen-Pietersen")
    families.remove_family(fam.id)
    outbox = store.query("SELECT * FROM outbox ORDER BY seq")
    assert [r["op"] for r in outbox] == ["insert", "update", "delete"]
    assert len({r["mutation_id"] for r in outbox}) == 3
    assert [r["hlc"] for r in outbox] == sorted(r["hlc"] for r in outbox)
    assert json.loads(outbox[1]["data"]) == {"name": "Gezin Jansen-Pietersen"}
    audit = store.query("SELECT * FROM audit_log ORDER BY seq")
    assert [a["event"] for a in audit] == ["create", "update", "delete"]
    assert all(a["client"] == fam.id for a in audit)
    assert all(a["user"] == "regisseur.anna" and a["device"] == store.device_id for a in audit)
    assert json.loads(audit[0]["objects"]) == [f"families/{fam.id}"]
    # a tombstone: the row stays, but the family is gone for every reader
    with pytest.raises(NotFound):
        families.get_family(fam.id)
    assert store.get("families", fam.id, include_deleted=True)["deleted"] == 1


def test_invalid_input_writes_nothing(families: FamilyService, store: Store) -> None:
    before = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(ValidationError):
        families.add_family(name="   ")
    with pytest.raises(ValidationError):
        families.add_family(name="Gezin X", status="onbekend")
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == before
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == 0


def test_audit_log_is_append_only(families: FamilyService, store: Store) -> None:
    families.add_family(name="Gezin Visser")
    with pytest.raises(Exception, match="append-only"):
        store.conn.execute("DELETE FROM audit_log")
    with pytest.raises(Exception, match="append-only"):
        store.conn.execute("UPDATE audit_log SET user = 'x'")


def test_status_moves_any_way_and_closing_needs_a_reason_and_end(
    families: FamilyService, store: Store
) -> None:
    fam = families.add_family(name="Gezin Status")
    active = families.update_family(fam.id, status="actief")
    assert (active.status, active.start_date) == ("actief", TODAY)  # started today
    with pytest.raises(ValidationError) as no_reason:
        families.update_family(fam.id, status="afgesloten", end_date=TODAY)
    assert no_reason.value.field == "reden"
    with pytest.raises(ValidationError) as no_end:
        families.update_family(fam.id, status="afgesloten", closure_reason="verhuisd")
    assert no_end.value.field == "einddatum"
    with pytest.raises(ValidationError):  # an end before the start
        families.update_family(
            fam.id,
            status="afgesloten",
            end_date=TODAY - dt.timedelta(days=1),
            closure_reason="verhuisd",
        )
    assert families.get_family(fam.id).status == "actief"
    closed = families.update_family(
        fam.id,
        name="Gezin Status-Dijk",
        status="afgesloten",
        end_date=TODAY,
        closure_reason="uitval",
    )
    assert (closed.name, closed.status, closed.end_date, closed.closure_reason) == (
        "Gezin Status-Dijk", "afgesloten", TODAY, "uitval"
    )  # fmt: skip
    reopened = families.update_family(fam.id, status="actief")  # closed by mistake
    assert (reopened.status, reopened.end_date, reopened.closure_reason) == ("actief", None, None)
    moved = families.update_family(fam.id, start_date=dt.date(2025, 9, 1))
    assert moved.start_date == dt.date(2025, 9, 1)
    # each save is one audited change, and only what changed goes to the outbox
    closing = [
        json.loads(r["data"])
        for r in store.query("SELECT data FROM outbox WHERE op = 'update' ORDER BY seq")
    ]
    assert closing[1] == {
        "name": "Gezin Status-Dijk",
        "end_date": TODAY.isoformat(),
        "closure_reason": "uitval",
        "status": "afgesloten",
    }
    assert closing[2] == {"end_date": None, "closure_reason": None, "status": "actief"}
    events = [a["event"] for a in store.query("SELECT event FROM audit_log ORDER BY seq")]
    assert events == ["create", "update", "update", "update", "update"]


def test_a_long_name_is_refused_without_talking_of_notes(families: FamilyService) -> None:
    with pytest.raises(ValidationError) as too_long:
        families.add_family(name="G" * 201)
    assert "naam" in too_long.value.message and "verslagen" not in too_long.value.message


def test_a_rename_leaves_the_dates_be(families: FamilyService) -> None:
    fam = families.add_family(name="Gezin Zonder Start", status="actief")
    renamed = families.update_family(fam.id, name="Gezin Zonder Start-Bos")
    assert (renamed.start_date, renamed.end_date) == (None, None)
