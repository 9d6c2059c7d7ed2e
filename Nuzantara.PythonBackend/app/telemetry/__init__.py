"""Telemetry: Prometheus metrics, W3C-propagated server spans exported over OTLP, log correlation, Sentry.

``Telemetry.from_settings`` picks the span backend:

=========================================  ===========================================================================
``Nuzantara__Telemetry__Enabled=false``    ``off``: no export, and ``create_app`` adds no tracing or metrics middleware
OTLP endpoint unset / OTEL_SDK_DISABLED    spans still created (trace ids in logs, problem details, Sentry), no export
protocol ``http/json``                     built-in OTLP/HTTP JSON exporter (``otlp.py``) — what the AppHost asks for
``http/protobuf`` or ``grpc`` + SDK        the OpenTelemetry SDK (``sdk.py``)
``http/protobuf`` without the SDK          built-in JSON exporter to the same endpoint (OTLP/HTTP receivers accept both)
``grpc`` without the SDK                   no export (a warning says why)
=========================================  ===========================================================================
"""

from __future__ import annotations

import logging
import os
import socket
from typing import TYPE_CHECKING, Any, Dict, Optional, Protocol

from app import __version__
from app.telemetry.context import SpanContext
from app.telemetry.otlp import BatchSpanProcessor, OtlpJsonSpanExporter
from app.telemetry.sdk import SdkBackend, sdk_available
from app.telemetry.tracing import SPAN_KIND_SERVER, Sampler, ServerSpan, Tracer

if TYPE_CHECKING:  # app.settings imports app.telemetry.config, which runs this package first
    from app.settings import Settings

log = logging.getLogger(__name__)


class TracingBackend(Protocol):
    """What ``Telemetry`` delegates to: the built-in tracer (``LiteBackend``) or the OpenTelemetry SDK's."""

    @property
    def name(self) -> str: ...

    def start_server_span(self, name: str, parent: Optional[SpanContext]) -> ServerSpan: ...

    def force_flush(self, timeout: float) -> bool: ...

    def shutdown(self, timeout: float) -> None: ...

    def stats(self) -> Dict[str, int]: ...


class LiteBackend:
    """The built-in tracer, with the JSON exporter behind a batch processor when ``processor`` is given."""

    def __init__(self, processor: Optional[BatchSpanProcessor], sampler: Sampler, name: str):
        self.name = name
        self.processor = processor
        self.tracer = Tracer(processor, sampler)

    def start_server_span(self, name: str, parent: Optional[SpanContext]) -> ServerSpan:
        return self.tracer.start_span(name, parent, SPAN_KIND_SERVER)

    def force_flush(self, timeout: float) -> bool:
        return self.processor.force_flush(timeout) if self.processor else True

    def shutdown(self, timeout: float) -> None:
        if self.processor:
            self.processor.shutdown(timeout)

    def stats(self) -> Dict[str, int]:
        if not self.processor:
            return {}
        return {**self.processor.stats.snapshot(), "queued": self.processor.queue_size}


class Telemetry:
    def __init__(self, backend: TracingBackend, resource: Dict[str, Any]):
        self.backend = backend
        self.resource = resource

    @property
    def exporter(self) -> str:
        return self.backend.name

    @property
    def processor(self) -> Optional[BatchSpanProcessor]:
        return getattr(self.backend, "processor", None)

    def start_server_span(self, name: str, parent: Optional[SpanContext]) -> ServerSpan:
        """The request's SERVER span; the caller sets its attributes when it ``is_recording`` (sampled)."""
        return self.backend.start_server_span(name, parent)

    def force_flush(self, timeout: float = 5.0) -> bool:
        try:
            return self.backend.force_flush(timeout)
        except Exception:
            log.exception("Telemetry flush failed")
            return False

    def shutdown(self, timeout: float = 5.0) -> None:
        try:
            self.backend.shutdown(timeout)
        except Exception:
            log.exception("Telemetry shutdown failed")

    def stats(self) -> Dict[str, int]:
        return self.backend.stats()

    @staticmethod
    def resource_attributes(settings: Settings) -> Dict[str, Any]:
        otlp = settings.otlp
        attributes: Dict[str, Any] = {
            "service.version": settings.version,
            "deployment.environment": settings.environment,
            "telemetry.sdk.name": "nuzantara-otlp-json",
            "telemetry.sdk.language": "python",
            "telemetry.sdk.version": __version__,
            "host.name": socket.gethostname(),
            "process.pid": os.getpid(),
        }
        attributes.update(dict(otlp.resource_attributes))
        attributes["service.name"] = otlp.service_name  # OTEL_SERVICE_NAME wins over OTEL_RESOURCE_ATTRIBUTES
        return attributes

    @classmethod
    def from_settings(cls, settings: Settings) -> "Telemetry":
        otlp = settings.otlp
        resource = cls.resource_attributes(settings)
        sampler = Sampler(otlp.sampler)
        endpoint = otlp.traces_endpoint
        if not settings.telemetry_enabled:
            return cls(LiteBackend(None, sampler, "off"), resource)
        if endpoint is None or not otlp.export_enabled:
            return cls(LiteBackend(None, sampler, "none"), resource)
        if otlp.protocol != "http/json" and sdk_available(otlp.protocol):
            try:
                sdk_resource = {k: v for k, v in resource.items() if not k.startswith("telemetry.sdk.")}
                return cls(SdkBackend(otlp, sdk_resource), resource)
            except Exception:
                log.exception("OpenTelemetry SDK set-up failed; falling back to the built-in OTLP/JSON exporter")
        if otlp.protocol == "grpc":
            log.warning("OTEL_EXPORTER_OTLP_PROTOCOL=grpc needs the OpenTelemetry SDK, which is not installed; "
                        "traces are not exported (use http/json)")
            return cls(LiteBackend(None, sampler, "none"), resource)
        if otlp.protocol not in ("http/json", "http/protobuf"):
            log.warning("Unknown OTLP protocol %r; exporting OTLP/HTTP JSON", otlp.protocol)
        exporter = OtlpJsonSpanExporter(endpoint, otlp.headers, otlp.timeout_seconds, resource,
                                        otlp.compression)
        processor = BatchSpanProcessor(exporter, otlp.schedule_delay_seconds, otlp.max_queue_size,
                                       otlp.max_export_batch_size, otlp.export_timeout_seconds)
        return cls(LiteBackend(processor, sampler, "otlp-http-json"), resource)
