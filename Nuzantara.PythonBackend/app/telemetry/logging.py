"""Log correlation: every ``LogRecord`` carries ``trace_id`` and ``span_id`` of the span active where it was logged.

``TraceContextFilter`` sets them (all zeros outside a request, as OTel's log bridge does). It is installed twice over:

* as the process's log-record factory, so *every* record — ours, uvicorn's, libraries', records created for any
  handler configured later — has the attributes and a format string using them can never fail;
* on the handler of the ``app`` logger, whose format prints them.

uvicorn's own loggers keep uvicorn's format (their records carry the ids too, for whoever formats them).
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Optional, TextIO

from app.telemetry.context import INVALID_SPAN_ID, INVALID_TRACE_ID, current_ids

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [trace_id=%(trace_id)s span_id=%(span_id)s] %(message)s"
APP_LOGGER = "app"


class TraceContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "trace_id"):
            ids = current_ids()
            record.trace_id, record.span_id = ids if ids else (INVALID_TRACE_ID, INVALID_SPAN_ID)
        return True


_filter = TraceContextFilter()
_factory_installed = False


def install_record_factory() -> None:
    """Chains a factory adding trace ids in front of the current one (idempotent)."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _filter.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def configure_logging(level: str = "INFO", stream: Optional[TextIO] = None) -> None:
    install_record_factory()
    logger = logging.getLogger(APP_LOGGER)
    logger.setLevel(getattr(logging, level.upper(), logging.INFO))
    if not any(getattr(h, "_nuzantara", False) for h in logger.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(TraceContextFilter())
        handler._nuzantara = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


_UVICORN_ACCESS_FORMAT = '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s'


def annotate_uvicorn_access_log() -> None:
    """Appends the trace id to uvicorn's access lines, if they still use uvicorn's default format.

    Called from the startup event: by then uvicorn has configured its loggers (whichever way it was started), and
    a custom ``--log-config`` is left alone. The access line is logged inside the request's span, so the id is
    the request's.
    """
    for handler in logging.getLogger("uvicorn.access").handlers:
        formatter = handler.formatter
        if formatter is not None and getattr(formatter, "_fmt", None) == _UVICORN_ACCESS_FORMAT:
            formatter._fmt = formatter._style._fmt = _UVICORN_ACCESS_FORMAT + " trace_id=%(trace_id)s"
