"""The FastAPI application: ``create_app()`` builds it, ``app`` is the instance ``uvicorn app.main:app`` serves.

Run it either way (from this directory)::

    /usr/bin/python3 -m uvicorn app.main:app --host 127.0.0.1 --port $PORT   # how the AppHost launches it
    /usr/bin/python3 -m app                                                  # HOST / PORT from the environment
"""

from __future__ import annotations

import logging
from typing import Optional

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from app.cache import RankingCache
from app.health import HealthService
from app.problems import install_exception_handlers
from app.routers import health, rank
from app.settings import Settings, get_settings
from app.telemetry import Telemetry
from app.telemetry.logging import annotate_uvicorn_access_log, configure_logging
from app.telemetry.metrics import Metrics, MetricsMiddleware
from app.telemetry.middleware import BodyLimitMiddleware, TracingMiddleware
from app.telemetry.sentry import init_sentry

log = logging.getLogger("app")

SHUTDOWN_FLUSH_SECONDS = 5.0


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)

    telemetry = Telemetry.from_settings(settings)
    metrics = Metrics(exporter_stats=telemetry.stats if telemetry.processor is not None else None)
    cache = (RankingCache(settings.redis, settings.cache_ttl_seconds, settings.redis_timeout_seconds)
             if settings.redis else None)
    health_service = HealthService(settings, cache, telemetry)

    app = FastAPI(
        title="Nuzantara Python Backend",
        description="BM25F ranking service. Errors are RFC 9457 problem details (application/problem+json).",
        version=settings.version,
    )
    app.state.settings = settings
    app.state.telemetry = telemetry
    app.state.metrics = metrics
    app.state.cache = cache
    app.state.health = health_service

    install_exception_handlers(app)
    app.include_router(rank.router)
    app.include_router(health.router)

    # add_middleware puts each new middleware outside the previous ones: the tracing span encloses everything.
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics, excluded_routes=health.PROBE_ROUTES)
    app.add_middleware(TracingMiddleware, telemetry=telemetry, excluded_routes=health.PROBE_ROUTES)

    @app.on_event("startup")
    async def startup() -> None:
        if cache is not None:
            await cache.start()
        annotate_uvicorn_access_log()
        health_service.startup_complete = True
        log.info("python-backend %s started (environment %s, trace export: %s, redis cache: %s)", settings.version,
                 settings.environment, telemetry.exporter, "on" if cache else "off")

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


app = create_app(get_settings())


def main() -> None:
    """``python3 -m app``: serve ``app`` on HOST:PORT (defaults 127.0.0.1:8000)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level.lower())


if __name__ == "__main__":
    main()
