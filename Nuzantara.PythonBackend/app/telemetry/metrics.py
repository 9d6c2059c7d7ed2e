"""Prometheus metrics: the RED metrics the .NET services expose, as pure ASGI middleware, on a per-app registry.

A registry per ``create_app()`` (instead of prometheus_client's global one) keeps apps independent: tests build many
apps in one process without "Duplicated timeseries" errors, and ``/metrics`` shows exactly this app's series.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, FrozenSet, Iterable, Optional, Tuple

from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, GCCollector, Histogram,
                               PlatformCollector, ProcessCollector, generate_latest)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from app.asgi_response import StatusRecordingSend

UNMATCHED = "unmatched"
ROUTE_SCOPE_KEY = "nuzantara.route"
LABELS = ("method", "route", "status")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
# Every latency threshold of the alert rules (HighResponseTime: P95 > 2 s) is a bound, as in the .NET services, so the
# quantile at a threshold is a bucket edge, not an interpolation across it.
DURATION_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


def route_template(scope: Scope) -> str:
    """The matched route's template (``/api/rank``, ``/items/{id}``), ``unmatched`` otherwise — never the raw path.

    Resolved before routing by asking each route of the app (``scope["app"]``, set by Starlette) whether it matches,
    so it also works for responses produced before the router runs (413 from the body limit) and for plain
    Starlette routes (/docs). A method mismatch (405) still labels with the template. Cached in the scope.
    """
    cached = scope.get(ROUTE_SCOPE_KEY)
    if cached is not None:
        return cached
    template = None
    partial = None
    router = getattr(scope.get("app"), "router", None)
    for route in getattr(router, "routes", ()):
        try:
            match, _ = route.matches(scope)
        except Exception:  # a route that cannot judge this scope does not match it
            continue
        if match == Match.FULL:
            template = getattr(route, "path_format", None) or getattr(route, "path", None)
            break
        if match == Match.PARTIAL and partial is None:
            partial = getattr(route, "path_format", None) or getattr(route, "path", None)
    result = template or partial or UNMATCHED
    scope[ROUTE_SCOPE_KEY] = result
    return result


def method_label(scope: Scope) -> str:
    method = scope.get("method", "GET").upper()
    return method if method in KNOWN_METHODS else "OTHER"  # arbitrary methods must not create series


class _ExporterCollector(Collector):
    """Span exporter counters (exported / dropped / failed) as Prometheus series, read at scrape time."""

    def __init__(self, stats: Callable[[], Dict[str, int]]):
        self._stats = stats

    def describe(self) -> Iterable[Metric]:
        return []  # nothing to read at registration: the exporter may not have run yet

    def collect(self) -> Iterable[Metric]:
        stats = self._stats()
        if not stats:
            return
        spans = CounterMetricFamily("otlp_exporter_spans", "Spans handed to the OTLP exporter, by outcome",
                                    labels=["outcome"])
        for outcome in ("exported", "dropped", "failed"):
            spans.add_metric([outcome], stats.get(outcome, 0))
        yield spans
        queued = GaugeMetricFamily("otlp_exporter_queue_size", "Spans waiting in the exporter queue")
        queued.add_metric([], stats.get("queued", 0))
        yield queued


class Metrics:
    def __init__(self, registry: Optional[CollectorRegistry] = None,
                 exporter_stats: Optional[Callable[[], Dict[str, int]]] = None):
        self.registry = registry or CollectorRegistry()
        ProcessCollector(registry=self.registry)  # process_cpu_seconds_total, process_resident_memory_bytes, …
        PlatformCollector(registry=self.registry)  # python_info
        GCCollector(registry=self.registry)  # python_gc_*
        self.request_duration = Histogram(
            "http_request_duration_seconds", "HTTP request duration in seconds, until the response body is sent",
            LABELS, buckets=DURATION_BUCKETS, registry=self.registry)
        self.requests_total = Counter("http_requests_total", "HTTP requests answered", LABELS, registry=self.registry)
        self.errors_total = Counter("http_errors_total", "HTTP requests answered with a status >= 400", LABELS,
                                    registry=self.registry)
        self.active_connections = Gauge("http_active_connections", "HTTP requests being served right now",
                                        registry=self.registry)
        self.rank_documents = Histogram("rank_documents", "Documents submitted per ranking request",
                                        buckets=(0, 1, 10, 50, 100, 250, 500, 1000, 5000), registry=self.registry)
        self.rank_cache = Counter("rank_cache_requests_total", "Ranking cache lookups by result (hit, miss, error)",
                                  ["result"], registry=self.registry)
        if exporter_stats is not None:
            self.registry.register(_ExporterCollector(exporter_stats))
        # Each label set's series, looked up once: labels() validates and locks on every call. Bounded, as the labels
        # are (known methods, route templates, statuses).
        self._series: Dict[Tuple[str, str, int], Tuple[Any, Any, Optional[Any]]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        series = self._series.get((method, route, status))
        if series is None:
            labels = (method, route, str(status))
            series = self._series[(method, route, status)] = (
                self.request_duration.labels(*labels), self.requests_total.labels(*labels),
                self.errors_total.labels(*labels) if status >= 400 else None)
        duration, requests, errors = series
        duration.observe(seconds)
        requests.inc()
        if errors is not None:
            errors.inc()

    def render(self) -> Tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Counts and times every HTTP request, labelled by method, route template and status, but those to
    ``excluded_routes`` (the health probes and ``/metrics``)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, excluded_routes: FrozenSet[str] = frozenset()):
        self.app = app
        self.metrics = metrics
        self.excluded_routes = excluded_routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or route_template(scope) in self.excluded_routes:
            await self.app(scope, receive, send)
            return
        method = method_label(scope)
        route = route_template(scope)
        recording = StatusRecordingSend(send)
        self.metrics.active_connections.inc()
        start = time.perf_counter()
        try:
            await self.app(scope, receive, recording)
        finally:
            # The unhandled-error middleware inside this one answers an exception with a 500; one after the response
            # started reaches the server, which cuts the response off: counted as a 500 all the same.
            self.metrics.observe(method, route, recording.status or 500, time.perf_counter() - start)
            self.metrics.active_connections.dec()
