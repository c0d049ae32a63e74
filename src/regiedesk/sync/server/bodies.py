"""Request bodies as the server accepts them (pydantic): lengths and shapes checked
before an endpoint runs; a body that does not fit gets 422."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from ..protocol import MAX_AUDIT_OBJECTS_CHARS as p_max_objects
from ..protocol import Op


class Register(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=200)
    totp: str | None = Field(default=None, max_length=10)


class MutationIn(BaseModel):
    mutation_id: str = Field(min_length=1, max_length=64)
    hlc: str = Field(min_length=1, max_length=120)
    entity: str = Field(max_length=40)
    record_id: str = Field(min_length=1, max_length=64)
    family_id: str | None = Field(default=None, max_length=64)
    op: str = Field(pattern=f"^({'|'.join(Op)})$")  # kept a str: stored as it came
    data: dict[str, Any]


class Push(BaseModel):
    mutations: list[MutationIn] = Field(max_length=5000)


class RegisterFamily(BaseModel):
    """A team leader registers a new family and assigns it to a caseworker."""

    name: str = Field(min_length=1, max_length=200)
    caseworker: str = Field(min_length=1, max_length=100)
    start_date: dt.date | None = None


class Handover(BaseModel):
    caseworker: str = Field(min_length=1, max_length=100)


class StandInIn(BaseModel):
    family_id: str = Field(min_length=1, max_length=64)
    user: str = Field(min_length=1, max_length=100)
    start: dt.date
    end: dt.date


class AuditEventIn(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    event: str = Field(min_length=1, max_length=20)
    at: str = Field(min_length=1, max_length=40)
    client: str | None = Field(default=None, max_length=64)
    user: str = Field(max_length=100)
    responsible_user: str = Field(max_length=100)
    device: str = Field(max_length=64)
    # JSON text: an export names every family, a pulled batch every record (5,000 and more)
    objects: str = Field(max_length=p_max_objects)
    prev_hash: str = Field(pattern="^[0-9a-f]{64}$")
    hash: str = Field(pattern="^[0-9a-f]{64}$")


class AuditPush(BaseModel):
    events: list[AuditEventIn] = Field(max_length=2000)
