"""Issue 13, 4: a fuzz test of the push payload parser. Pushes of any shape (JSON of any
kind where a push's fields go, and changes close to real ones with odd values) never make
the server fail: each gets 200 with one result per mutation, or 400/422 with a code; and
every change it accepts passes the sync rules the laptops apply."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.rules import ENTITIES, check_change

from ..conftest import Running
from .helpers import code, stamp

TEXT = st.text(max_size=30) | st.sampled_from(
    ["", "\x00", "\ud800", "9-0-x", "not-a-date", "2026-02-30", "Infinity", "١٢٣"]
)
SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
JSON = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
ENTITY = st.sampled_from(sorted(ENTITIES)) | TEXT
FIELD = st.sampled_from(sorted({f for fields in ENTITIES.values() for f in fields})) | TEXT


def near_real(family: str) -> st.SearchStrategy[dict[str, Any]]:
    """A change whose shape is right and whose values are anything."""
    return st.fixed_dictionaries(
        {
            "mutation_id": st.just(None).map(lambda _: uuid7()) | TEXT,
            "hlc": st.just(None).map(lambda _: stamp()) | TEXT,
            "entity": ENTITY,
            "record_id": st.just(None).map(lambda _: uuid7()) | st.just(family) | TEXT,
            "family_id": st.just(family) | st.none() | TEXT,
            "op": st.sampled_from([*p.Op, "steal", ""]),
            "data": st.dictionaries(FIELD, JSON, max_size=5),
        }
    )


def any_shape(family: str) -> st.SearchStrategy[Any]:
    """Mostly pushes of changes shaped right (which reach the rules and the database),
    also some with changes of any shape, and any JSON at all."""
    near = st.fixed_dictionaries({"mutations": st.lists(near_real(family), max_size=4)})
    change = near_real(family) | st.dictionaries(TEXT, JSON, max_size=7) | JSON
    odd = st.fixed_dictionaries({"mutations": st.lists(change, max_size=6)})
    return st.one_of(near, near, near, odd, JSON)


@given(
    entity=ENTITY,
    op=st.sampled_from([*p.Op, "x"]),
    record=TEXT,
    family=TEXT,
    data=st.dictionaries(FIELD, JSON),
)
def test_the_sync_rules_never_fail_on_any_change(
    entity: str, op: str, record: str, family: str, data: dict[str, Any]
) -> None:
    reason = check_change(entity, op, record, family, data)
    assert reason is None or isinstance(reason, p.Reason)


def test_pushes_of_any_shape_never_fail_the_server(server: Running) -> None:
    token = server.device("anna")
    family = uuid7()
    with server.client(token) as c:
        first = c.post(
            "/v1/sync/push",
            json={"mutations": [{"mutation_id": uuid7(), "hlc": stamp(), "entity": "families",
                  "record_id": family, "family_id": family, "op": "insert",
                  "data": {"name": "Gezin Fuzz", "status": "actief", "caseworker": "anna"}}]},
        )  # fmt: skip
        assert first.json()["results"][0]["outcome"] == "accepted"

        @settings(
            max_examples=150,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(body=any_shape(family))
        def one(body: Any) -> None:
            # ASCII, lone surrogates escaped; Infinity and NaN as JavaScript writes them
            text = json.dumps(body, allow_nan=True)
            response = c.post(
                "/v1/sync/push", content=text.encode(), headers={"content-type": "application/json"}
            )
            assert response.status_code in (200, 400, 422), (response.status_code, text[:300])
            if response.status_code != 200:
                assert code(response) in ("bad_text", "invalid_request"), response.text
                return
            results = response.json()["results"]
            assert len(results) == len(body["mutations"])

        one()
    stored = server.db.query("SELECT entity, op, record_id, family_id, data FROM changes")
    for row in stored:  # what the server took, every laptop can apply
        data = json.loads(row["data"])
        reason = check_change(row["entity"], row["op"], row["record_id"], row["family_id"], data)
        assert reason is None, (row["entity"], reason)
