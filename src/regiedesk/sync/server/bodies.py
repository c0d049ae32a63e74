"""Request bodies as the server accepts them (pydantic): lengths and shapes checked
before an endpoint runs; a body that does not fit gets 422 ``invalid_request``, text with
a NUL or a lone surrogate (which no database keeps) 400 ``bad_text`` (``answers``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from ..protocol import FIRST_DAY, LAST_DAY, Op
from ..protocol import MAX_AUDIT_OBJECTS_CHARS as p_max_objects
from ..rules import clean_text
from .answers import BAD_TEXT

Day = Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY)]


class Body(BaseModel):
    """Every text field of a body is text a database keeps. A change's ``data`` is not
    checked here: the sync rules refuse such text per change (``bad_text``)."""

    @field_validator("*", mode="after")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        if isinstance(value, str) and not clean_text(value):
            raise PydanticCustomError(BAD_TEXT, "text with a NUL or a lone surrogate")
        return value


class Register(Body):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=200)
    totp: str | None = Field(default=None, max_length=10)


class MutationIn(Body):
    mutation_id: str = Field(min_length=1, max_length=64)
    hlc: str = Field(min_length=1, max_length=120)
    entity: str = Field(max_length=40)
    record_id: str = Field(min_length=1, max_length=64)
    family_id: str | None = Field(default=None, max_length=64)
    op: str = Field(pattern=f"^({'|'.join(Op)})$")  # kept a str: stored as it came
    data: dict[str, Any]


class Push(Body):
    mutations: list[MutationIn] = Field(max_length=5000)


class RegisterFamily(Body):
    """A team leader registers a new family and assigns it to a caseworker."""

    name: str = Field(min_length=1, max_length=200)
    caseworker: str = Field(min_length=1, max_length=100)
    start_date: Day | None = None


class Handover(Body):
    caseworker: str = Field(min_length=1, max_length=100)


class StandInIn(Body):
    family_id: str = Field(min_length=1, max_length=64)
    user: str = Field(min_length=1, max_length=100)
    start: Day
    end: Day


class AuditEventIn(Body):
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


class AuditPush(Body):
    events: list[AuditEventIn] = Field(max_length=2000)
