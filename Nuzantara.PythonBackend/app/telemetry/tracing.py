"""A minimal tracer: enough of the OpenTelemetry model for one SERVER span per request, exported by ``otlp.py``.

Used when the OpenTelemetry SDK is not importable (the case on hosts without a package index) or when the JSON
encoding of OTLP is requested, which the Python SDK's exporters do not implement. The span and status model follow
the OTel data model so the exporter can encode them field for field.
"""

from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Dict, List, Optional, Protocol

from app.telemetry.context import SpanContext, new_span_id, new_trace_id

SPAN_KIND_INTERNAL = 1
SPAN_KIND_SERVER = 2
SPAN_KIND_CLIENT = 3

STATUS_UNSET = 0
STATUS_OK = 1
STATUS_ERROR = 2


class SpanProcessor(Protocol):
    def on_end(self, span: "Span") -> None: ...


class ServerSpan(Protocol):
    """What the tracing middleware does with a request's span: ``Span`` here, ``sdk.SdkSpan`` for the SDK."""

    context: SpanContext

    @property
    def is_recording(self) -> bool: ...

    def set_attribute(self, key: str, value: Any) -> None: ...

    def set_attributes(self, attributes: Dict[str, Any]) -> None: ...

    def set_status(self, code: int, message: str = "") -> None: ...

    def record_exception(self, exc: BaseException) -> None: ...

    def end(self) -> None: ...


class Span:
    """One operation. Attribute values are str, bool, int, float or lists of those."""

    __slots__ = ("name", "context", "parent_span_id", "kind", "start_ns", "end_ns", "attributes", "events",
                 "status_code", "status_message", "_processor", "_lock")

    def __init__(self, name: str, context: SpanContext, parent_span_id: Optional[str], kind: int,
                 attributes: Optional[Dict[str, Any]], processor: Optional[SpanProcessor],
                 start_ns: Optional[int] = None):
        self.name = name
        self.context = context
        self.parent_span_id = parent_span_id
        self.kind = kind
        self.start_ns = start_ns if start_ns is not None else time.time_ns()
        self.end_ns: Optional[int] = None
        self.attributes: Dict[str, Any] = dict(attributes or {})
        self.events: List[Dict[str, Any]] = []
        self.status_code = STATUS_UNSET
        self.status_message = ""
        self._processor = processor
        self._lock = threading.Lock()

    @property
    def is_recording(self) -> bool:
        return self.end_ns is None and self.context.sampled

    def set_attribute(self, key: str, value: Any) -> None:
        if self.is_recording and value is not None:
            self.attributes[key] = value

    def set_attributes(self, attributes: Dict[str, Any]) -> None:
        for key, value in attributes.items():
            self.set_attribute(key, value)

    def update_name(self, name: str) -> None:
        if self.is_recording:
            self.name = name

    def add_event(self, name: str, attributes: Optional[Dict[str, Any]] = None) -> None:
        if self.is_recording:
            self.events.append({"name": name, "time_ns": time.time_ns(), "attributes": dict(attributes or {})})

    def set_status(self, code: int, message: str = "") -> None:
        # OK is final; ERROR may be overwritten by OK only (data model rules).
        if self.is_recording and self.status_code != STATUS_OK:
            self.status_code = code
            self.status_message = message if code == STATUS_ERROR else ""

    def record_exception(self, exc: BaseException) -> None:
        self.add_event("exception", {
            "exception.type": type(exc).__qualname__,
            "exception.message": str(exc),
            "exception.stacktrace": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
        })

    def end(self, end_ns: Optional[int] = None) -> None:
        with self._lock:
            if self.end_ns is not None:
                return
            self.end_ns = end_ns if end_ns is not None else max(time.time_ns(), self.start_ns)
        if self.context.sampled and self._processor is not None:
            self._processor.on_end(self)


class Sampler:
    """The spec's built-in samplers, by OTEL_TRACES_SAMPLER name (ratio samplers are treated as always_on)."""

    def __init__(self, name: str = "parentbased_always_on"):
        self.name = name

    def should_sample(self, parent: Optional[SpanContext]) -> bool:
        if self.name == "always_off":
            return False
        if self.name == "always_on":
            return True
        if self.name.startswith("parentbased_") and parent is not None:
            return parent.sampled
        return self.name != "parentbased_always_off"


class Tracer:
    def __init__(self, processor: Optional[SpanProcessor], sampler: Optional[Sampler] = None):
        self.processor = processor
        self.sampler = sampler or Sampler()

    def start_span(self, name: str, parent: Optional[SpanContext] = None, kind: int = SPAN_KIND_INTERNAL,
                   attributes: Optional[Dict[str, Any]] = None) -> Span:
        """A child of ``parent`` (same trace id, parent span id = parent's) or the root of a new trace."""
        sampled = self.sampler.should_sample(parent)
        context = SpanContext(parent.trace_id if parent else new_trace_id(), new_span_id(), sampled,
                              parent.trace_state if parent else "")
        return Span(name, context, parent.span_id if parent else None, kind, attributes, self.processor)
