"""Health reports in the shape the .NET services answer::

    {"uptime": 12.3, "memory": {"rss": 52428800, "heapTotal": 73400320}, "timestamp": 1698765432000,
     "status": "healthy", "services": {...}, "version": "1.0.0", "environment": "production"}

As the original system wrote it: ``timestamp`` is epoch milliseconds (JavaScript's ``Date.now()``) and ``environment``
is lower-case (``NODE_ENV``), whatever case ``ASPNETCORE_ENVIRONMENT``/``APP_ENVIRONMENT`` use.

``status`` is the worst status of ``services`` (healthy < degraded < unhealthy); HTTP 200 for healthy/degraded, 503
for unhealthy. Each ``services`` entry is its status string, as in the .NET services (``{"redis": "healthy"}``).

Memory: ``rss`` is the resident set size; ``heapTotal`` — Node's V8 heap size in the .NET/Node services — has no
exact CPython counterpart, so it is the process's data segment (``VmData``: heap, anonymous mappings where pymalloc
keeps its arenas, thread stacks), i.e. the memory the process has reserved for its data.
"""

from __future__ import annotations

import os
import resource
import time
from typing import Any, Dict, Optional, Tuple

from app.settings import Settings

HEALTHY, DEGRADED, UNHEALTHY = "healthy", "degraded", "unhealthy"
_SEVERITY = {HEALTHY: 0, DEGRADED: 1, UNHEALTHY: 2}
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def memory() -> Dict[str, int]:
    try:
        with open("/proc/self/statm") as statm:
            fields = statm.read().split()
        return {"rss": int(fields[1]) * _PAGE, "heapTotal": int(fields[5]) * _PAGE}
    except (OSError, IndexError, ValueError):  # not Linux: peak RSS is the best the stdlib offers
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return {"rss": peak, "heapTotal": peak}


def timestamp() -> int:
    """Milliseconds since the Unix epoch, as JavaScript's ``Date.now()`` and the .NET services write it."""
    return time.time_ns() // 1_000_000


def overall(services: Dict[str, Dict[str, Any]]) -> str:
    worst = HEALTHY
    for entry in services.values():
        status = str(entry.get("status"))
        if _SEVERITY.get(status, 0) > _SEVERITY[worst]:
            worst = status
    return worst


class HealthService:
    def __init__(self, settings: Settings, cache: Any = None, telemetry: Any = None):
        self.settings = settings
        self.cache = cache
        self.telemetry = telemetry
        self.started = time.monotonic()
        self.startup_complete = False  # set once the startup event ran
        self.draining = False  # set when shutdown begins: stop receiving traffic

    def body(self, services: Dict[str, Dict[str, Any]], status: Optional[str] = None) -> Dict[str, Any]:
        return {
            "uptime": round(time.monotonic() - self.started, 3),
            "memory": memory(),
            "timestamp": timestamp(),
            "status": status or overall(services),
            "services": {name: entry["status"] for name, entry in services.items()},
            "version": self.settings.version,
            "environment": self.settings.environment.lower(),
        }

    @staticmethod
    def code(body: Dict[str, Any]) -> int:
        return 503 if body["status"] == UNHEALTHY else 200

    def _lifecycle(self) -> Dict[str, Any]:
        if self.draining:
            return {"status": UNHEALTHY, "detail": "shutting down"}
        if not self.startup_complete:
            return {"status": UNHEALTHY, "detail": "starting"}
        return {"status": HEALTHY}

    async def _redis(self) -> Dict[str, Any]:
        if self.cache is None:
            return {"status": HEALTHY, "configured": False}
        return {**await self.cache.ping(), "configured": True}

    def _telemetry(self) -> Dict[str, Any]:
        if self.telemetry is None:
            return {"status": HEALTHY}
        return {"status": HEALTHY, "exporter": self.telemetry.exporter, **self.telemetry.stats()}

    async def live(self) -> Tuple[int, Dict[str, Any]]:
        """The process serves requests. Depends on nothing else (a Redis outage must not restart the service)."""
        body = self.body({}, HEALTHY)
        return 200, body

    async def ready(self) -> Tuple[int, Dict[str, Any]]:
        services = {"app": self._lifecycle()}
        if self.cache is not None:
            services["redis"] = await self._redis()
        body = self.body(services)
        return self.code(body), body

    async def full(self) -> Tuple[int, Dict[str, Any]]:
        services = {"app": self._lifecycle(), "ranking": {"status": HEALTHY}}
        if self.cache is not None:
            services["redis"] = await self._redis()
        services["telemetry"] = self._telemetry()
        body = self.body(services)
        return self.code(body), body

    async def redis(self) -> Tuple[int, Dict[str, Any]]:
        body = self.body({"redis": await self._redis()})
        return self.code(body), body
