"""Sentry error reporting, enabled only when ``SENTRY_DSN`` is set.

Each event is tagged with the W3C ``trace_id`` / ``span_id`` of the request it happened in, so a Sentry issue leads
to the OTLP trace. Sentry's own performance tracing stays off (``traces_sample_rate`` unset): traces go over OTLP.

Errors reach Sentry from ``UnhandledErrorMiddleware`` (``app/errors.py``): its log line (the logging integration; the
message names the method and route) and its explicit capture, which the dedupe integration folds into one event.
Sentry's auto-enabled integrations stay off: the Starlette and FastAPI ones wrap every request in a Sentry scope and
transaction, whatever the sampling, which doubled this service's CPU per request (bench/notes/instrumentation.md) to
report what the middleware reports.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Dict, Optional

from app.settings import Settings
from app.telemetry.context import current_ids

log = logging.getLogger(__name__)


def add_trace_tags(event: Dict[str, Any], hint: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """``before_send``: runs in the context that captured the event, so the request's span is current."""
    ids = current_ids()
    if ids:
        tags = event.get("tags")
        if not isinstance(tags, dict):
            tags = event["tags"] = {} if tags is None else dict(tags)
        tags["trace_id"], tags["span_id"] = ids
    return event


def init_sentry(settings: Settings, init: Optional[Callable[..., Any]] = None) -> bool:
    if not settings.sentry_dsn:
        return False
    if init is None:
        import sentry_sdk

        init = sentry_sdk.init
    init(
        dsn=settings.sentry_dsn,
        environment=settings.environment,
        release=f"{settings.otlp.service_name}@{settings.version}",
        send_default_pii=False,
        with_locals=False,  # frame locals would carry request headers and documents
        request_bodies="never",  # ranking requests are user content, up to 10 MiB
        auto_enabling_integrations=False,  # no per-request Starlette/FastAPI wrapping (see above)
        before_send=add_trace_tags,
    )
    log.info("Sentry enabled (environment %s, release %s)", settings.environment, settings.version)
    return True


def capture_exception(exc: BaseException) -> None:
    """Reports ``exc`` to Sentry if it is enabled (a no-op client otherwise)."""
    try:
        import sentry_sdk

        sentry_sdk.capture_exception(exc)
    except Exception:  # reporting must never make things worse
        pass
