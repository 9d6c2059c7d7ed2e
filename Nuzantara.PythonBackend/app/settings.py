"""Settings, read once from the environment into an immutable object.

``Settings.from_env()`` is the only place that reads ``os.environ``; everything else receives a ``Settings``
(``create_app(settings)``, the routers through ``app.state.settings``), so tests build their own without touching
the process environment. Fields that may hold secrets are excluded from ``repr`` so a logged ``Settings`` leaks
nothing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Mapping, Optional, Tuple
from urllib.parse import unquote

from app import __version__

log = logging.getLogger(__name__)

KIB = 1024
MIB = 1024 * KIB


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


@dataclass(frozen=True)
class RedisSettings:
    host: str
    port: int
    password: Optional[str] = field(default=None, repr=False)
    db: int = 0
    ssl: bool = False

    @staticmethod
    def parse(connection_string: str) -> "RedisSettings":
        """StackExchange.Redis syntax, as Aspire hands it out: ``host:port,password=xxx,ssl=False,defaultDatabase=0``.

        A ``redis://`` URL is accepted as well. Unknown options (abortConnect, connectTimeout…) are ignored.
        """
        text = connection_string.strip()
        if text.startswith(("redis://", "rediss://")):
            from urllib.parse import urlsplit

            url = urlsplit(text)
            db = int(url.path.lstrip("/") or 0)
            return RedisSettings(url.hostname or "localhost", url.port or 6379,
                                 unquote(url.password) if url.password else None, db, url.scheme == "rediss")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not parts or "=" in parts[0]:
            raise SettingsError("ConnectionStrings__redis must start with host:port")
        host, _, port = parts[0].rpartition(":") if ":" in parts[0] else (parts[0], "", "6379")
        host = host.strip("[]") or "localhost"
        options: Dict[str, str] = {}
        for part in parts[1:]:
            key, _, value = part.partition("=")
            options[key.strip().lower()] = value.strip()
        try:
            port_number = int(port or 6379)
            db = int(options.get("defaultdatabase", "0") or 0)
        except ValueError:
            raise SettingsError("ConnectionStrings__redis has a non-numeric port or defaultDatabase") from None
        return RedisSettings(host, port_number, options.get("password") or None, db,
                             options.get("ssl", "false").lower() == "true")


@dataclass(frozen=True)
class OtlpSettings:
    """The subset of the OpenTelemetry SDK environment variables this service honours (traces only)."""

    traces_endpoint: Optional[str] = None  # full URL, /v1/traces included; None = no export
    protocol: str = "http/protobuf"
    headers: Tuple[Tuple[str, str], ...] = field(default=(), repr=False)
    timeout_seconds: float = 3.0
    compression: Optional[str] = None
    service_name: str = "python-backend"
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


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    version: str = __version__
    environment: str = "Production"
    log_level: str = "INFO"

    # Ranking (BM25F) and request limits.
    k1: float = 1.5
    b: float = 0.75
    title_weight: float = 2.0
    body_weight: float = 1.0
    max_documents: int = 1000
    max_document_bytes: int = 64 * KIB
    max_query_bytes: int = 4 * KIB
    max_body_bytes: int = 10 * MIB

    # Optional Redis cache of rankings.
    redis: Optional[RedisSettings] = None
    cache_ttl_seconds: int = 300
    redis_timeout_seconds: float = 0.25

    sentry_dsn: Optional[str] = field(default=None, repr=False)
    otlp: OtlpSettings = OtlpSettings()

    @staticmethod
    def from_env(environ: Optional[Mapping[str, str]] = None) -> "Settings":
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        redis_cs = env.get("ConnectionStrings__redis") or env.get("REDIS_URL")
        settings = Settings(
            host=env.get("HOST") or "127.0.0.1",
            port=reader.integer("PORT", 8000, minimum=0, maximum=65535),
            version=env.get("APP_VERSION") or env.get("SERVICE_VERSION") or __version__,
            environment=(env.get("APP_ENVIRONMENT") or env.get("ENVIRONMENT") or env.get("ASPNETCORE_ENVIRONMENT")
                         or env.get("DOTNET_ENVIRONMENT") or "Production"),
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            k1=reader.number("RANK_K1", 1.5, minimum=0.0),
            b=reader.number("RANK_B", 0.75, minimum=0.0, maximum=1.0),
            title_weight=reader.number("RANK_TITLE_WEIGHT", 2.0, minimum=0.0),
            body_weight=reader.number("RANK_BODY_WEIGHT", 1.0, minimum=0.0),
            max_documents=reader.integer("RANK_MAX_DOCUMENTS", 1000, minimum=0),
            max_document_bytes=reader.integer("RANK_MAX_DOCUMENT_BYTES", 64 * KIB, minimum=1),
            max_query_bytes=reader.integer("RANK_MAX_QUERY_BYTES", 4 * KIB, minimum=1),
            max_body_bytes=reader.integer("MAX_REQUEST_BODY_BYTES", 10 * MIB, minimum=1),
            redis=RedisSettings.parse(redis_cs) if redis_cs else None,
            cache_ttl_seconds=reader.integer("RANK_CACHE_TTL_SECONDS", 300, minimum=0),
            redis_timeout_seconds=reader.number("REDIS_TIMEOUT_SECONDS", 0.25, minimum=0.01),
            sentry_dsn=env.get("SENTRY_DSN") or None,
            otlp=_otlp_from_env(env),
        )
        return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from ``os.environ`` on first use."""
    return Settings.from_env()


class _Reader:
    """Typed reads with the variable's name in the error, so a bad value fails the start-up clearly."""

    def __init__(self, env: Mapping[str, str]):
        self.env = env

    def integer(self, name: str, default: int, minimum: Optional[int] = None, maximum: Optional[int] = None) -> int:
        raw = self.env.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
        return self._bounded(name, value, minimum, maximum)

    def number(self, name: str, default: float, minimum: Optional[float] = None,
               maximum: Optional[float] = None) -> float:
        raw = self.env.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = float(raw.strip())
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise SettingsError(f"{name} must be finite, got {raw!r}")
        return self._bounded(name, value, minimum, maximum)

    @staticmethod
    def _bounded(name, value, minimum, maximum):
        if minimum is not None and value < minimum:
            raise SettingsError(f"{name} must be >= {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise SettingsError(f"{name} must be <= {maximum}, got {value}")
        return value


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


def _otel_ms(env: Mapping[str, str], name: str, default_ms: float) -> float:
    """OTel durations are milliseconds; an invalid value is logged and replaced by the default, as the spec asks."""
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


def _otel_int(env: Mapping[str, str], name: str, default: int) -> int:
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


def _otlp_from_env(env: Mapping[str, str]) -> OtlpSettings:
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
    service_name = (env.get("OTEL_SERVICE_NAME") or dict(resource).get("service.name") or "python-backend").strip()
    compression = (env.get("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION") or env.get("OTEL_EXPORTER_OTLP_COMPRESSION")
                   or "").strip().lower() or None
    max_queue = _otel_int(env, "OTEL_BSP_MAX_QUEUE_SIZE", 2048)
    return OtlpSettings(
        traces_endpoint=endpoint or None,
        protocol=protocol,
        headers=headers,
        timeout_seconds=_otel_ms(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
                                 _otel_ms(env, "OTEL_EXPORTER_OTLP_TIMEOUT", 3000) * 1000),
        compression=compression if compression == "gzip" else None,
        service_name=service_name,
        resource_attributes=resource,
        schedule_delay_seconds=_otel_ms(env, "OTEL_BSP_SCHEDULE_DELAY", 5000),
        max_queue_size=max_queue,
        max_export_batch_size=min(_otel_int(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512), max_queue),
        export_timeout_seconds=_otel_ms(env, "OTEL_BSP_EXPORT_TIMEOUT", 30000),
        sampler=(env.get("OTEL_TRACES_SAMPLER") or "parentbased_always_on").strip().lower(),
        disabled=(env.get("OTEL_SDK_DISABLED") or "").strip().lower() == "true",
    )
