"""W3C Trace Context (https://www.w3.org/TR/trace-context/) and the "current span" of the running task.

The current span lives in a ``ContextVar``: asyncio tasks and Starlette's thread pool (``run_in_threadpool`` copies
the context) both see the span of the request they serve, which is what the log filter and Sentry read.
"""

from __future__ import annotations

import random
import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Optional, Tuple

INVALID_TRACE_ID = "0" * 32
INVALID_SPAN_ID = "0" * 16

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")


@dataclass(frozen=True)
class SpanContext:
    trace_id: str  # 32 lowercase hex digits
    span_id: str  # 16 lowercase hex digits
    sampled: bool = True
    trace_state: str = ""
    remote: bool = False

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{'01' if self.sampled else '00'}"


def parse_traceparent(value: Optional[str], tracestate: Optional[str] = None) -> Optional[SpanContext]:
    """The remote parent described by a ``traceparent`` header, or None if absent or invalid (then: new trace)."""
    if not value:
        return None
    match = _TRACEPARENT.match(value.strip())
    if not match:
        return None
    version, trace_id, span_id, flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest) or trace_id == INVALID_TRACE_ID or span_id == INVALID_SPAN_ID:
        return None
    state = (tracestate or "").strip()
    if len(state) > 512:  # the spec's limit; an oversized tracestate is dropped, not the trace
        state = ""
    return SpanContext(trace_id, span_id, sampled=bool(int(flags, 16) & 0x01), trace_state=state, remote=True)


# Random, not secret, as the OpenTelemetry SDK's RandomIdGenerator makes them: os.urandom is a system call (~1.4 µs
# here, 10× getrandbits) that also lets the exporter thread take the GIL in the middle of a request.
def new_trace_id() -> str:
    while True:
        value = format(random.getrandbits(128), "032x")
        if value != INVALID_TRACE_ID:
            return value


def new_span_id() -> str:
    while True:
        value = format(random.getrandbits(64), "016x")
        if value != INVALID_SPAN_ID:
            return value


# The active span object (lite span or SDK adapter): anything with ``.context: SpanContext``.
current_span: ContextVar[Optional[Any]] = ContextVar("nuzantara_current_span", default=None)


def current_ids() -> Optional[Tuple[str, str]]:
    """(trace_id, span_id) of the span active in this task/thread, or None outside a request."""
    span = current_span.get()
    if span is None:
        return None
    return span.context.trace_id, span.context.span_id
