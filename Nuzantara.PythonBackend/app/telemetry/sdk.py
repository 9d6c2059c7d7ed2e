"""The OpenTelemetry SDK backend, used only where the SDK is importable and a protobuf/gRPC protocol is asked for.

NOT exercised on the development host (the SDK is not installable there); it is deliberately thin: the SDK reads the
OTEL_* variables itself (sampler, batch processor settings, resource attributes), we only pass what we parsed.
"""

from __future__ import annotations

import importlib.util
from typing import Any, Dict, Optional

from app import __version__
from app.telemetry.config import OtlpSettings
from app.telemetry.context import SpanContext
from app.telemetry.otlp import SCOPE_NAME
from app.telemetry.tracing import STATUS_ERROR, STATUS_OK


def sdk_available(protocol: str) -> bool:
    exporter = ("opentelemetry.exporter.otlp.proto.grpc" if protocol == "grpc"
                else "opentelemetry.exporter.otlp.proto.http")
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("opentelemetry.sdk", exporter))
    except (ImportError, ValueError):
        return False


class SdkSpan:
    """Adapts an SDK span to the interface the middleware uses (same as ``tracing.Span``)."""

    def __init__(self, span: Any, token: Any):
        from opentelemetry import context as otel_context

        self._span = span
        self._token = token
        self._otel_context = otel_context
        ctx = span.get_span_context()
        self.context = SpanContext(format(ctx.trace_id, "032x"), format(ctx.span_id, "016x"),
                                   bool(ctx.trace_flags & 0x01))

    @property
    def is_recording(self) -> bool:
        return bool(self._span.is_recording())

    def set_attribute(self, key: str, value: Any) -> None:
        if value is not None:
            self._span.set_attribute(key, value)

    def set_attributes(self, attributes: Dict[str, Any]) -> None:
        self._span.set_attributes({key: value for key, value in attributes.items() if value is not None})

    def update_name(self, name: str) -> None:
        self._span.update_name(name)

    def set_status(self, code: int, message: str = "") -> None:
        from opentelemetry.trace import Status, StatusCode

        if code == STATUS_ERROR:
            self._span.set_status(Status(StatusCode.ERROR, message or None))
        elif code == STATUS_OK:
            self._span.set_status(Status(StatusCode.OK))

    def record_exception(self, exc: BaseException) -> None:
        self._span.record_exception(exc)

    def end(self) -> None:
        try:
            self._span.end()
        finally:
            if self._token is not None:
                self._otel_context.detach(self._token)
                self._token = None


class SdkBackend:
    name = "opentelemetry-sdk"

    def __init__(self, otlp: OtlpSettings, resource_attributes: Dict[str, Any]):
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        if otlp.protocol == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        else:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        self.provider = TracerProvider(resource=Resource.create(resource_attributes))
        exporter = OTLPSpanExporter(endpoint=otlp.traces_endpoint, headers=dict(otlp.headers),
                                    timeout=max(1, int(otlp.timeout_seconds)))
        self.provider.add_span_processor(BatchSpanProcessor(exporter))
        self.tracer = self.provider.get_tracer(SCOPE_NAME, __version__)

    def start_server_span(self, name: str, parent: Optional[SpanContext]) -> SdkSpan:
        from opentelemetry import context as otel_context
        from opentelemetry import trace
        from opentelemetry.trace import NonRecordingSpan, SpanKind, TraceFlags, TraceState

        parent_context = None
        if parent is not None:
            remote = trace.SpanContext(
                trace_id=int(parent.trace_id, 16), span_id=int(parent.span_id, 16), is_remote=True,
                trace_flags=TraceFlags(TraceFlags.SAMPLED if parent.sampled else TraceFlags.DEFAULT),
                trace_state=TraceState.from_header([parent.trace_state]) if parent.trace_state else None)
            parent_context = trace.set_span_in_context(NonRecordingSpan(remote))
        span = self.tracer.start_span(name, context=parent_context, kind=SpanKind.SERVER)
        token = otel_context.attach(trace.set_span_in_context(span))
        return SdkSpan(span, token)

    def force_flush(self, timeout: float) -> bool:
        return self.provider.force_flush(int(timeout * 1000))

    def shutdown(self, timeout: float) -> None:
        self.provider.shutdown()

    def stats(self) -> Dict[str, int]:
        return {}
