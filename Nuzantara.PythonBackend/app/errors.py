"""Unhandled errors: a 500 problem for the caller, a log line and a Sentry event for the operator (pure ASGI).

It sits inside the telemetry middlewares (``app/main.py``), so while it runs the request's span is current: the log
line, the Sentry event and the problem's ``traceId`` all name the request's trace, and the exception is recorded on the
span. With telemetry switched off it is still there, so a caller gets the same answer either way.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from app.asgi_response import StatusRecordingSend
from app.problems import TYPE_INTERNAL, problem, send_problem
from app.telemetry.context import current_span
from app.telemetry.metrics import method_label, route_template
from app.telemetry.sentry import capture_exception
from app.telemetry.tracing import STATUS_ERROR

log = logging.getLogger("app.requests")

# Set in the scope when an exception escaped the app, so the tracing middleware keeps the span's error status naming
# the exception instead of the generic "HTTP 500".
UNHANDLED_ERROR_SCOPE_KEY = "nuzantara.unhandled_error"


class UnhandledErrorMiddleware:
    """Answers an exception that escapes the app with a 500 problem, unless the response has already started."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        recording = StatusRecordingSend(send)
        try:
            await self.app(scope, receive, recording)
        except Exception as exc:
            scope[UNHANDLED_ERROR_SCOPE_KEY] = exc
            span = current_span.get()
            if span is not None:
                span.record_exception(exc)
                span.set_status(STATUS_ERROR, type(exc).__name__)
            log.exception("Unhandled error in %s %s", method_label(scope), route_template(scope))
            capture_exception(exc)
            if recording.status is not None:
                raise  # the response already started: only the server can end it
            await send_problem(send, problem(500, detail="An unexpected error occurred.", type_=TYPE_INTERNAL,
                                             instance=scope.get("path")))
