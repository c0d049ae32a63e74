"""A life domain's first and latest score, across instrument versions.

One fold for the caseworker's indicators (over the local store) and the team leader's
figures (over the server's current state): measurements in date order, scores of an
older instrument mapped to the domains of the one it maps to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..errors import ConfigError

Direction = Literal["verbeterd", "stabiel", "verslechterd"]


@dataclass(frozen=True, slots=True)
class DomainTrend:
    member_id: str | None  # None: a household measurement
    domain: str  # in the instrument the measurements map to (ZRM 2010 -> ZRM 2017)
    first: int
    latest: int
    first_date: dt.date
    latest_date: dt.date

    @property
    def delta(self) -> int:
        return self.latest - self.first

    @property
    def direction(self) -> Direction:
        if self.delta > 0:
            return "verbeterd"
        return "verslechterd" if self.delta < 0 else "stabiel"


def mapped_domain(instrument: str, domain: str) -> str:
    """The domain in the instrument ``instrument`` maps to (its own code when unknown)."""
    try:
        from .instruments import load_instrument  # not needed for the caseload

        return load_instrument(instrument).map_domain(domain)
    except ConfigError:  # an instrument this installation does not ship: keep the code
        return domain


def fold_trends(
    scores: Iterable[tuple[str | None, str, dt.date, str, int]],
) -> list[DomainTrend]:
    """Trends of (member id, instrument, date, domain, score) already in measurement order.

    The order: the household first, then per member in the order they were first
    measured, each in the order of the instrument's domains (domains of an instrument
    this installation does not ship last).
    """
    first: dict[tuple[str | None, str], tuple[int, dt.date]] = {}
    latest: dict[tuple[str | None, str], tuple[int, dt.date]] = {}
    for member, instrument, day, domain, score in scores:
        key = (member, mapped_domain(instrument, domain))
        first.setdefault(key, (score, day))
        latest[key] = (score, day)
    from .instruments import domain_rank  # not needed for the caseload

    members = {m: i for i, m in enumerate(dict.fromkeys(k[0] for k in first))}
    keys = sorted(first, key=lambda k: (k[0] is not None, members[k[0]], domain_rank(k[1])))
    return [
        DomainTrend(k[0], k[1], first[k][0], latest[k][0], first[k][1], latest[k][1]) for k in keys
    ]
