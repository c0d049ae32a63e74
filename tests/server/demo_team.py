"""A demo team on a running server: the UI tests and tools/team_screenshots.py share it."""

from __future__ import annotations

import datetime as dt
import time

from regiedesk.team_demo import Seeder, seed_caseworkers

from .conftest import Running

TEAM = "Oost"
LEADER = "teun"


def demo_team(
    server: Running, people: list[str], *, families: int, today: dt.date, days: int, seed: int
) -> str:
    """Team Oost of ``people`` (caseworkers) led by teun, with ``families`` demo families
    each (``regiedesk.team_demo``) pushed over HTTP by their caseworker; teun's token."""
    server.db.execute("INSERT INTO teams (name) VALUES (?)", (TEAM,))
    tokens = {person: server.device(person) for person in people}
    leader = server.device(LEADER, "teamleader")
    for person in [*people, LEADER]:
        server.db.execute(
            "INSERT INTO team_members (team, user_name) VALUES (?, ?)", (TEAM, person)
        )
    seeder = Seeder(seed=seed, start_ms=int(time.time() * 1000) - 3_600_000)
    list(seed_caseworkers(seeder, people, families, today, days=days))
    for person in people:
        mine = [m for who, m in seeder.mutations if who == person]
        with server.client(tokens[person]) as c:
            c.post("/v1/sync/push", json={"mutations": mine}).raise_for_status()
    return leader
