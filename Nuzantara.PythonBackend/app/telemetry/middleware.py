"""The SERVER span of each request, as pure ASGI middleware.

Order in the app (outermost first): ``TracingMiddleware`` → ``MetricsMiddleware`` → ``UnhandledErrorMiddleware``
(``app/errors.py``) → ``BodyLimitMiddleware`` (``app/body_limit.py``) → the FastAPI exception handlers and routes.
Tracing is outermost so that everything below — the body-limit 413s, the metrics, the log lines, the problem details,
Sentry events — happens inside the request's span.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Optional

from starlette.types import ASGIApp, Receive, Scope, Send

from app.asgi_headers import single_headers
from app.asgi_response import StatusRecordingSend
from app.errors import UNHANDLED_ERROR_SCOPE_KEY
from app.telemetry import Telemetry
from app.telemetry.context import current_span, parse_traceparent
from app.telemetry.metrics import UNMATCHED, method_label, route_template
from app.telemetry.tracing import STATUS_ERROR


def request_attributes(scope: Scope, method: str, route: str, user_agent: Optional[str]) -> Dict[str, Any]:
    """The semantic conventions' HTTP server attributes of a request."""
    attributes: Dict[str, Any] = {
        "http.request.method": method,
        "url.path": scope.get("path", ""),
        "url.scheme": scope.get("scheme", "http"),
        "network.protocol.version": scope.get("http_version"),
    }
    if route != UNMATCHED:
        attributes["http.route"] = route
    if scope.get("server"):
        attributes["server.address"], attributes["server.port"] = scope["server"][0], scope["server"][1]
    if scope.get("client"):
        attributes["client.address"] = scope["client"][0]
    if user_agent:
        attributes["user_agent.original"] = user_agent[:512]
    return attributes


class TracingMiddleware:
    """Continues the caller's trace (W3C ``traceparent``) or starts one, with a SERVER span named ``METHOD route``.

    The span is current for everything inside it, ``UnhandledErrorMiddleware`` included, which records an escaped
    exception on it.
    """

    def __init__(self, app: ASGIApp, telemetry: Telemetry, excluded_routes: FrozenSet[str] = frozenset()):
        self.app = app
        self.telemetry = telemetry
        self.excluded_routes = excluded_routes  # not traced: the health probes and /metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or route_template(scope) in self.excluded_routes:
            await self.app(scope, receive, send)
            return
        route = route_template(scope)
        method = method_label(scope)
        if method == "OTHER":
            method = "_OTHER"  # the semantic conventions' value for methods outside the known set
        traceparent, tracestate, user_agent = single_headers(scope, b"traceparent", b"tracestate", b"user-agent")
        span = self.telemetry.start_server_span(f"{method} {route}" if route != UNMATCHED else method,
                                                parse_traceparent(traceparent, tracestate))
        if span.is_recording:  # an unsampled request's span keeps no attributes: not worth building them
            span.set_attributes(request_attributes(scope, method, route, user_agent))
        token = current_span.set(span)
        recording = StatusRecordingSend(send)
        try:
            await self.app(scope, receive, recording)
        finally:
            status = recording.status
            if status is not None:
                span.set_attribute("http.response.status_code", status)
                if status >= 500 and UNHANDLED_ERROR_SCOPE_KEY not in scope:
                    span.set_status(STATUS_ERROR, f"HTTP {status}")
            span.end()
            current_span.reset(token)
