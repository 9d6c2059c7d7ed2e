"""The OpenTelemetry SDK environment variables (``OTEL_*``) this service honours for traces, parsed once.

Unlike the service's own settings, an invalid ``OTEL_*`` value is logged and replaced by its default, which is what
the OpenTelemetry specification asks of SDKs: telemetry configuration must never stop the service.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple
from urllib.parse import unquote

log = logging.getLogger(__name__)

DEFAULT_SERVICE_NAME = "python-backend"


@dataclass(frozen=True)
class OtlpSettings:
    traces_endpoint: Optional[str] = None  # full URL, /v1/traces included; None = no export
    protocol: str = "http/protobuf"
    headers: Tuple[Tuple[str, str], ...] = field(default=(), repr=False)
    timeout_seconds: float = 3.0
    compression: Optional[str] = None
    service_name: str = DEFAULT_SERVICE_NAME
    resource_attributes: Tuple[Tuple[str, str], ...] = ()
    schedule_delay_seconds: float = 5.0
    max_queue_size: int = 2048
    max_export_batch_size: int = 512
    export_timeout_seconds: float = 30.0
    sampler: str = "parentbased_always_on"
    disabled: bool = False

    @property
    def export_enabled(self) -> bool:
        return not self.disabled and bool(self.traces_endpoint)

    @staticmethod
    def from_env(env: Mapping[str, str]) -> "OtlpSettings":
        protocol = (env.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or env.get("OTEL_EXPORTER_OTLP_PROTOCOL")
                    or "http/protobuf").strip().lower()
        endpoint = (env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or "").strip()
        if not endpoint:
            base = (env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or "").strip()
            if base:
                # The generic endpoint is a base URL for HTTP: the signal path is appended (spec); gRPC uses it as is.
                endpoint = base if protocol == "grpc" else base.rstrip("/") + "/v1/traces"
        headers = parse_key_values(env.get("OTEL_EXPORTER_OTLP_HEADERS")) + parse_key_values(
            env.get("OTEL_EXPORTER_OTLP_TRACES_HEADERS"))
        resource = parse_key_values(env.get("OTEL_RESOURCE_ATTRIBUTES"))
        service_name = (env.get("OTEL_SERVICE_NAME") or dict(resource).get("service.name")
                        or DEFAULT_SERVICE_NAME).strip()
        compression = (env.get("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION") or env.get("OTEL_EXPORTER_OTLP_COMPRESSION")
                       or "").strip().lower() or None
        max_queue = _positive_int(env, "OTEL_BSP_MAX_QUEUE_SIZE", 2048)
        return OtlpSettings(
            traces_endpoint=endpoint or None,
            protocol=protocol,
            headers=headers,
            timeout_seconds=_seconds(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
                                     _seconds(env, "OTEL_EXPORTER_OTLP_TIMEOUT", 3000) * 1000),
            compression=compression if compression == "gzip" else None,
            service_name=service_name,
            resource_attributes=resource,
            schedule_delay_seconds=_seconds(env, "OTEL_BSP_SCHEDULE_DELAY", 5000),
            max_queue_size=max_queue,
            max_export_batch_size=min(_positive_int(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512), max_queue),
            export_timeout_seconds=_seconds(env, "OTEL_BSP_EXPORT_TIMEOUT", 30000),
            sampler=(env.get("OTEL_TRACES_SAMPLER") or "parentbased_always_on").strip().lower(),
            disabled=(env.get("OTEL_SDK_DISABLED") or "").strip().lower() == "true",
        )


def parse_key_values(text: Optional[str]) -> Tuple[Tuple[str, str], ...]:
    """``k1=v1,k2=v2`` as the OTel spec writes headers and resource attributes (values percent-decoded)."""
    pairs = []
    for item in (text or "").split(","):
        key, sep, value = item.partition("=")
        key = unquote(key.strip())
        if not sep or not key:
            if item.strip():
                log.warning("Ignoring malformed key=value item in OTEL settings")
            continue
        pairs.append((key, unquote(value.strip())))
    return tuple(pairs)


def _seconds(env: Mapping[str, str], name: str, default_ms: float) -> float:
    """OTel durations are milliseconds; an invalid value is logged and replaced by the default."""
    raw = env.get(name)
    if raw:
        try:
            value = float(raw)
            if value >= 0:
                return value / 1000.0
        except ValueError:
            pass
        log.warning("Ignoring invalid %s=%r", name, raw)
    return default_ms / 1000.0


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw:
        try:
            value = int(raw)
            if value > 0:
                return value
        except ValueError:
            pass
        log.warning("Ignoring invalid %s=%r", name, raw)
    return default
