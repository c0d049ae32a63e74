"""Issue 16, 7; issue 13, 4: the sign-in door (POST /v1/devices)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher, extract_parameters

from regiedesk.errors import ServerBusy, SignInRefused, TooManyAttempts
from regiedesk.sync.client import SyncClient
from regiedesk.sync.server import auth
from regiedesk.sync.server import cli as server_cli
from regiedesk.sync.server import sign_in as door

from ..conftest import PASSWORD, Running, serving
from .helpers import code, peak_memory

ACCOUNT_LIMIT = 5  # failed attempts in a row before an account waits


def sign_in(server: Running, user: str, password: str, totp: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"user": user, "password": password, "device_name": "laptop"}
    if totp is not None:
        body["totp"] = totp
    with server.client() as c:
        return c.post("/v1/devices", json=body)


def test_failed_attempts_make_an_account_wait(server: Running) -> None:
    server.add_user("anna")
    for _ in range(ACCOUNT_LIMIT):
        assert sign_in(server, "anna", "fout").status_code == 401
    waiting = sign_in(server, "anna", PASSWORD)  # even the right password, until the wait ends
    assert (waiting.status_code, code(waiting)) == (429, "too_many_attempts")
    assert int(waiting.headers["retry-after"]) > 0
    assert waiting.json()["detail"]["retry_after"] == int(waiting.headers["retry-after"])


def test_an_unknown_user_is_answered_as_a_wrong_password(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.add_user("anna")
    checks: list[str] = []
    verify = PasswordHasher.verify

    def counted(self: PasswordHasher, stored: str, password: str) -> bool:
        checks.append(stored)
        return verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    answers = []
    for user in ("anna", "niemand"):
        for _ in range(ACCOUNT_LIMIT + 1):
            response = sign_in(server, user, "fout")
            answers.append(
                (
                    user,
                    response.status_code,
                    response.json(),
                    response.headers.get("retry-after") is not None,
                )
            )
    wrong = [a[1:] for a in answers if a[0] == "anna"]
    unknown = [a[1:] for a in answers if a[0] == "niemand"]
    assert wrong == unknown  # the same answers, the same wait
    assert [s for s, *_ in wrong] == [401] * ACCOUNT_LIMIT + [429]
    assert len(checks) == 2 * ACCOUNT_LIMIT  # one Argon2id check per attempt, known user or not


def test_attempts_from_one_address_are_limited_over_accounts(server: Running) -> None:
    refused = None
    for i in range(40):
        response = sign_in(server, f"gok{i}", "fout")
        if response.status_code == 429:
            refused = i
            break
        assert response.status_code == 401
    assert refused is not None and refused > ACCOUNT_LIMIT


def step_start(margin: float = 3.0) -> float:
    """Now, after waiting out the last seconds of a 30-second step (so a code stays valid)."""
    while (time.time() % 30) > 30 - margin:
        time.sleep(0.2)
    return time.time()


def test_an_authenticator_code_works_once(server: Running) -> None:
    secret = server.add_user("teun", "teamleader")
    assert secret
    now = step_start()
    first = sign_in(server, "teun", PASSWORD, auth.totp_code(secret, now))
    again = sign_in(server, "teun", PASSWORD, auth.totp_code(secret, now))
    assert first.status_code == 200
    assert again.status_code == 401


def test_authenticator_codes_of_other_steps_are_refused(server: Running) -> None:
    secret = server.add_user("teun", "teamleader")
    assert secret
    # Each code is made just before its request, so a slow sign-in (Argon2id under load)
    # cannot carry the next one over a step's change.
    for offset in (30, 60, -60, -90):
        code = auth.totp_code(secret, step_start() + offset)
        response = sign_in(server, "teun", PASSWORD, code)
        assert response.status_code == 401, offset
    previous = sign_in(server, "teun", PASSWORD, auth.totp_code(secret, step_start() - 30))
    assert previous.status_code == 200  # the step just gone: a code typed as it changed


def test_a_missing_code_does_not_confirm_the_password(server: Running) -> None:
    server.add_user("teun", "teamleader")
    right = sign_in(server, "teun", PASSWORD)
    wrong = sign_in(server, "teun", "fout")
    assert (right.status_code, right.json()) == (wrong.status_code, wrong.json())


def test_forty_guesses_at_once_do_not_exhaust_the_server(server: Running) -> None:
    answers: list[int] = []

    def guess(i: int) -> None:
        answers.append(sign_in(server, f"gelijktijdig{i}", "fout").status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
    with peak_memory() as peak:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert set(answers) <= {401, 429, 503} and len(answers) == 40
    assert peak.mb < 250, f"{peak.mb:.0f} MB"  # Argon2id takes 64 MiB per check


def test_guesses_waiting_for_their_turn_hold_no_worker_thread(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sign-in waited for its turn to check a password in one of the thread pool's 40
    worker threads: 40 guesses at once held them all, and /health (like every request)
    waited until they gave up (1 s: bench/server_abuse.py). Here two checks are held
    and the others wait for as long as the test needs."""
    gate, inside = threading.Event(), threading.Semaphore(0)

    def held(self: PasswordHasher, stored: str, password: str) -> bool:
        inside.release()
        gate.wait(120)
        return False  # every password here is wrong: the answer Argon2id would give

    monkeypatch.setattr(PasswordHasher, "verify", held)
    monkeypatch.setattr(door, "BUSY_WAIT_S", 120.0)
    monkeypatch.setitem(door.LIMITS, door.Kind.ADDRESS, 1000)
    answers: list[int] = []
    threads = [
        threading.Thread(
            target=lambda i=i: answers.append(sign_in(server, f"wacht{i}", "fout").status_code)
        )
        for i in range(45)  # more than the thread pool's 40
    ]
    for t in threads:
        t.start()
    try:
        for _ in range(door.CONCURRENT_CHECKS):
            assert inside.acquire(timeout=60)  # two checks run (and are held)
        counted = "SELECT COUNT(*) AS n FROM sign_in_failures WHERE kind = 'account'"
        deadline = time.monotonic() + 60
        while server.db.query(counted)[0]["n"] < 40:  # every thread the pool has is in use
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with server.client() as c:
            health = c.get("/health", timeout=20)
        assert health.status_code == 200
        assert answers == []  # all guesses still wait: /health did not wait for them
    finally:
        gate.set()
        for t in threads:
            t.join()
    assert answers == [401] * 45


def test_an_administrator_unlocks_an_account(server: Running) -> None:
    server.add_user("anna")
    for _ in range(ACCOUNT_LIMIT):
        assert sign_in(server, "anna", "fout").status_code == 401
    assert sign_in(server, "anna", PASSWORD).status_code == 429
    assert server_cli.main(["--db", server.db.url, "user", "unlock", "anna"]) == 0
    assert sign_in(server, "anna", PASSWORD).status_code == 200
    rows = server.db.query("SELECT outcome FROM access_log WHERE action = 'unlock'")
    assert rows == [{"outcome": "ok"}]


def test_the_wait_doubles_with_each_lockout(server: Running) -> None:
    """Lockouts are kept in the database: a second one, once the first is over, waits
    twice as long (the first wait is ended here by moving it into the past)."""
    server.add_user("anna")
    waits = []
    for _ in range(2):
        for _ in range(ACCOUNT_LIMIT):
            assert sign_in(server, "anna", "fout").status_code == 401
        waits.append(int(sign_in(server, "anna", "fout").headers["retry-after"]))
        server.db.execute("UPDATE sign_in_failures SET locked_until = 0")  # the wait is over
    assert waits[1] >= 2 * waits[0] - 1 and waits[0] >= 59, waits


def test_two_server_instances_count_the_same_attempts(db_url: str) -> None:
    with serving(db_url) as one, serving(db_url) as other:
        one.add_user("anna")
        for i in range(ACCOUNT_LIMIT):
            assert sign_in((one, other)[i % 2], "anna", "fout").status_code == 401
        assert sign_in(one, "anna", PASSWORD).status_code == 429
        assert sign_in(other, "anna", PASSWORD).status_code == 429


def test_the_laptop_says_what_happened_and_what_to_do(server: Running) -> None:
    server.add_user("anna")
    client = SyncClient(server.url)
    try:
        for _ in range(ACCOUNT_LIMIT):
            with pytest.raises(SignInRefused):
                client.register("anna", "fout", "laptop", None)
        with pytest.raises(TooManyAttempts) as waiting:
            client.register("anna", PASSWORD, "laptop", None)
    finally:
        client.close()
    assert 0 < waiting.value.seconds <= 60
    assert "over 1 minuut opnieuw" in waiting.value.nl and "ontgrendelen" in waiting.value.nl
    assert "Try again in 1 minute" in waiting.value.en


def test_a_busy_server_is_not_reported_as_unreachable() -> None:
    """The laptop's reading of a 503 ``busy`` (a saturated server is hard to make on cue)."""
    busy = httpx.Response(
        503,
        json={"detail": {"code": "busy", "message": "busy", "retry_after": 2}},
        headers={"Retry-After": "2"},
    )
    client = SyncClient("http://127.0.0.1:1", transport=httpx.MockTransport(lambda _: busy))
    try:
        with pytest.raises(ServerBusy) as refused:
            client.register("anna", PASSWORD, "laptop", None)
    finally:
        client.close()
    assert refused.value.seconds == 2 and "over 2 seconden opnieuw" in refused.value.nl


def test_an_unknown_user_costs_one_full_password_check_and_gets_the_same_answer(
    server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13, 4: the same answer for an unknown user as for a wrong password, and the
    same work: one Argon2id check against a hash of the same cost as a real one (timing
    itself is not tested here)."""
    server.add_user("anna")
    server.add_user("bram")
    server.db.execute("UPDATE users SET disabled = 1 WHERE name = 'bram'")
    secret = server.add_user("teun", "teamleader")
    assert secret is not None
    checked: list[str] = []
    verify = PasswordHasher.verify

    def counted(self: PasswordHasher, stored: str, password: str) -> bool:
        checked.append(stored)
        return verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    attempts = [
        ("anna", "fout", None),  # a wrong password
        ("niemand", "fout", None),  # an unknown user
        ("bram", PASSWORD, None),  # a disabled user, right password
        ("teun", "fout", auth.totp_code(secret)),  # a wrong password with a right code
        ("teun", PASSWORD, "000000"),  # a right password with a wrong code
        ("ook-niemand", "fout", "123456"),  # an unknown user with a code
    ]
    answers = []
    for user, password, totp in attempts:
        before = len(checked)
        response = sign_in(server, user, password, totp)
        assert len(checked) == before + 1, user  # one Argon2id check, no more, no less
        headers = {k: v for k, v in response.headers.items() if k not in ("date", "server")}
        answers.append((response.status_code, response.content, headers))
    assert answers[0][0] == 401 and code_of(answers[0][1]) == "bad_credentials"
    assert all(answer == answers[0] for answer in answers), answers
    real = extract_parameters(checked[0])
    assert all(extract_parameters(h) == real for h in checked)  # the same cost
    assert checked[1] != checked[0]  # the unknown user's is the dummy hash


def code_of(body: bytes) -> str:
    return str(json.loads(body)["detail"]["code"])
