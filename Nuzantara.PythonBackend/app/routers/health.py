"""Health endpoints (the .NET services' shape, see ``app/health.py``) and the Prometheus scrape endpoint."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from fastapi import APIRouter, Depends
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.deps import get_health, get_metrics
from app.health import HealthService
from app.telemetry.metrics import Metrics

router = APIRouter(tags=["health"])

_NO_STORE = {"Cache-Control": "no-store"}


def _respond(result: Tuple[int, Dict[str, Any]]) -> JSONResponse:
    code, body = result
    return JSONResponse(body, status_code=code, headers=_NO_STORE)


@router.get("/health", summary="Overall health: lifecycle, ranking, Redis (if configured), telemetry")
async def health(health_service: HealthService = Depends(get_health)) -> JSONResponse:
    return _respond(await health_service.full())


@router.get("/health/live", summary="Liveness: the process answers. Depends on nothing")
async def live(health_service: HealthService = Depends(get_health)) -> JSONResponse:
    return _respond(await health_service.live())


@router.get("/health/ready", summary="Readiness: started and not shutting down; Redis down only degrades")
async def ready(health_service: HealthService = Depends(get_health)) -> JSONResponse:
    return _respond(await health_service.ready())


@router.get("/health/redis", summary="Redis cache: healthy, or degraded when unreachable (never unhealthy)")
async def redis(health_service: HealthService = Depends(get_health)) -> JSONResponse:
    return _respond(await health_service.redis())


# Its own router: an app with telemetry switched off (Settings.telemetry_enabled) serves no /metrics.
metrics_router = APIRouter(tags=["metrics"])


@metrics_router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(registry: Metrics = Depends(get_metrics)) -> Response:
    payload, content_type = registry.render()
    return Response(payload, media_type=content_type, headers=_NO_STORE)


# Probes and scrapes are not user traffic: the request metrics that the SLIs and alerts read leave them out (an
# AppHost probe every 5 s would keep an idle service's request rate above zero) and so does tracing (they would
# crowd out the traces worth reading).
PROBE_ROUTES = frozenset(route.path for route in (*router.routes, *metrics_router.routes) if isinstance(route, Route))
