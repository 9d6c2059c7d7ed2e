"""Typed FastAPI dependencies: what the routers take from the app that ``create_app()`` built.

``app.state`` is untyped; these functions are the only place that reads it, and each returns the declared type, so a
route's parameters say what it uses (``cache: Optional[RankingCache] = Depends(get_cache)``) and tests can replace
any of them with ``app.dependency_overrides``. FastAPI 0.92 (Debian bookworm's) predates ``Annotated[T, Depends()]``
aliases, so the dependencies are given as parameter defaults.

They are ``async def`` although they never await: FastAPI runs a plain ``def`` dependency in its thread pool, and on
``POST /api/rank`` its three dependencies' hops to a worker thread and back cost ~400 µs of CPU a request, a quarter
of the request (bench/notes/instrumentation.md). A coroutine that returns at once runs on the event loop.
"""

from __future__ import annotations

from typing import Optional

from fastapi import Request

from app.cache import RankingCache
from app.health import HealthService
from app.settings import Settings
from app.telemetry.metrics import Metrics


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with (not re-read from the environment)."""
    settings: Settings = request.app.state.settings
    return settings


async def get_cache(request: Request) -> Optional[RankingCache]:
    """The Redis ranking cache, or None when no Redis is configured."""
    cache: Optional[RankingCache] = request.app.state.cache
    return cache


async def get_metrics(request: Request) -> Optional[Metrics]:
    """The app's Prometheus metrics, or None when telemetry is switched off (then no /metrics is served)."""
    metrics: Optional[Metrics] = request.app.state.metrics
    return metrics


async def get_health(request: Request) -> HealthService:
    health: HealthService = request.app.state.health
    return health
