"""The server's HTTP API (FastAPI), assembled from one router per area.

Every endpoint checks the caller's role and scope (``identity.signed_in``);
what every request passes first is in ``middleware``, the SQL in ``queries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi import FastAPI

from .. import protocol as p
from . import middleware
from .db import ServerDB
from .routers import admin, audit, destruction, devices, health, privacy, sync, team


def create_app(db: ServerDB, *, today: Callable[[], dt.date] = dt.date.today) -> FastAPI:
    # the OpenAPI description is published; no /docs or /redoc pages (they load from a CDN)
    app = FastAPI(
        title="regiedesk server",
        version=str(p.PROTOCOL_VERSION),
        docs_url=None,
        redoc_url=None,
    )
    middleware.install(app, db, today)
    app.include_router(health.router(db))
    app.include_router(devices.router(db))
    app.include_router(sync.router(db, today))
    app.include_router(team.router(db, today))
    app.include_router(admin.router(db))
    app.include_router(audit.router(db))
    app.include_router(privacy.router(db))
    app.include_router(destruction.router(db))
    return app
