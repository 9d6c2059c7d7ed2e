"""The FastAPI application factory: ``create_app()`` builds a new app from settings read from the environment.

Nothing happens at import: logging, Sentry, the Redis client and telemetry are set up by ``create_app()``, which
uvicorn calls itself when started with ``--factory``. Run it either way (from the service's folder)::

    /usr/bin/python3 -m uvicorn --factory app.main:create_app --host 127.0.0.1 --port $PORT   # as the AppHost does
    /usr/bin/python3 -m app                                                                  # HOST / PORT from env
"""

from __future__ import annotations

import logging
from typing import Optional

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from app.body_limit import BodyLimitMiddleware
from app.cache import RankingCache
from app.errors import UnhandledErrorMiddleware
from app.health import HealthService
from app.problems import install_exception_handlers
from app.routers import health, rank
from app.settings import Settings
from app.telemetry import Telemetry
from app.telemetry.logging import annotate_uvicorn_access_log, configure_logging
from app.telemetry.metrics import Metrics, MetricsMiddleware
from app.telemetry.middleware import TracingMiddleware
from app.telemetry.sentry import init_sentry

log = logging.getLogger("app")

SHUTDOWN_FLUSH_SECONDS = 5.0


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    """A new app; ``settings`` default to ``Settings.from_env()`` (``SettingsError`` names a bad variable)."""
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)

    telemetry = Telemetry.from_settings(settings)
    # With telemetry switched off no /metrics would serve them, so no metrics are made and nothing counts.
    metrics = (Metrics(exporter_stats=telemetry.stats if telemetry.processor is not None else None)
               if settings.telemetry_enabled else None)
    cache = (RankingCache(settings.redis, settings.cache_ttl_seconds, settings.redis_timeout_seconds)
             if settings.redis else None)
    health_service = HealthService(settings, cache, telemetry)

    app = FastAPI(
        title="Nuzantara Python Backend",
        description="BM25F ranking service. Errors are RFC 9457 problem details (application/problem+json).",
        version=settings.version,
    )
    # Read through the typed dependencies of app/deps.py.
    app.state.settings = settings
    app.state.telemetry = telemetry
    app.state.metrics = metrics
    app.state.cache = cache
    app.state.health = health_service

    install_exception_handlers(app)
    app.include_router(rank.router)
    app.include_router(health.router)
    if settings.telemetry_enabled:
        app.include_router(health.metrics_router)

    # add_middleware puts each new middleware outside the previous ones: the tracing span encloses everything.
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(UnhandledErrorMiddleware)
    if settings.telemetry_enabled:
        app.add_middleware(MetricsMiddleware, metrics=metrics, excluded_routes=health.PROBE_ROUTES)
        app.add_middleware(TracingMiddleware, telemetry=telemetry, excluded_routes=health.PROBE_ROUTES)

    # The handlers below close over plain values: a type checker does not carry "settings is not None" into them.
    version, environment = settings.version, settings.environment

    @app.on_event("startup")
    async def startup() -> None:
        if cache is not None:
            await cache.start()
        annotate_uvicorn_access_log()
        health_service.startup_complete = True
        log.info("python-backend %s started (environment %s, trace export: %s, redis cache: %s)", version,
                 environment, telemetry.exporter, "on" if cache else "off")

    @app.on_event("shutdown")
    async def shutdown() -> None:
        # uvicorn runs this after SIGTERM, once in-flight requests are done: flush what telemetry still holds.
        health_service.draining = True
        if cache is not None:
            await cache.close()
        await run_in_threadpool(telemetry.shutdown, SHUTDOWN_FLUSH_SECONDS)
        log.info("python-backend stopped; telemetry flushed (%s)", telemetry.stats() or "no export")

    init_sentry(settings)
    return app


def main() -> None:
    """``python3 -m app``: serve a new app on HOST:PORT (defaults 127.0.0.1:8000)."""
    import uvicorn

    settings = Settings.from_env()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level.lower())
