"""The service's settings, read once from the environment into an immutable object.

``Settings.from_env()`` is the only place that reads ``os.environ``; everything else receives a ``Settings``
(``create_app(settings)``, the routers through ``app.deps``), so tests build their own without touching the process
environment. Each concern parses its own variables: ``app.redis_settings`` the cache's connection string,
``app.telemetry.config`` the ``OTEL_*`` variables. Fields that may hold secrets are excluded from ``repr`` so a
logged ``Settings`` leaks nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping, Optional

from app import __version__
from app.env_reader import EnvReader
from app.redis_settings import RedisSettings
from app.telemetry.config import OtlpSettings

KIB = 1024
MIB = 1024 * KIB

# The environment name (health's ``environment``, Sentry's environment, ``deployment.environment``): the first of
# these that is set. APP_ENVIRONMENT is the service's own and what the AppHost sets in run mode; ENVIRONMENT is the
# usual name in container deployments; ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT let a deployment that names
# the environment once for the .NET services name it for this one too. None set: Production, as in .NET.
ENVIRONMENT_VARIABLES = ("APP_ENVIRONMENT", "ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT")
DEFAULT_ENVIRONMENT = "Production"

# The service version: APP_VERSION, else SERVICE_VERSION, else the package's __version__.
VERSION_VARIABLES = ("APP_VERSION", "SERVICE_VERSION")

# The .NET services' switch (ServiceDefaults' Nuzantara:Telemetry:Enabled) in its environment form, so one variable
# turns telemetry off in all three services. Off only to measure what telemetry costs (bench/).
TELEMETRY_ENABLED_VARIABLE = "Nuzantara__Telemetry__Enabled"


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    version: str = __version__
    environment: str = DEFAULT_ENVIRONMENT
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
    # False: no spans, no request metrics and no /metrics (see TELEMETRY_ENABLED_VARIABLE).
    telemetry_enabled: bool = True

    @staticmethod
    def from_env(environ: Optional[Mapping[str, str]] = None) -> "Settings":
        """Raises ``SettingsError`` naming the variable whose value cannot be used."""
        env = os.environ if environ is None else environ
        reader = EnvReader(env)
        return Settings(
            host=reader.text("HOST", default="127.0.0.1"),
            port=reader.integer("PORT", 8000, minimum=0, maximum=65535),
            version=reader.text(*VERSION_VARIABLES, default=__version__),
            environment=reader.text(*ENVIRONMENT_VARIABLES, default=DEFAULT_ENVIRONMENT),
            log_level=reader.text("LOG_LEVEL", default="INFO").upper(),
            k1=reader.number("RANK_K1", 1.5, minimum=0.0),
            b=reader.number("RANK_B", 0.75, minimum=0.0, maximum=1.0),
            title_weight=reader.number("RANK_TITLE_WEIGHT", 2.0, minimum=0.0),
            body_weight=reader.number("RANK_BODY_WEIGHT", 1.0, minimum=0.0),
            max_documents=reader.integer("RANK_MAX_DOCUMENTS", 1000, minimum=0),
            max_document_bytes=reader.integer("RANK_MAX_DOCUMENT_BYTES", 64 * KIB, minimum=1),
            max_query_bytes=reader.integer("RANK_MAX_QUERY_BYTES", 4 * KIB, minimum=1),
            max_body_bytes=reader.integer("MAX_REQUEST_BODY_BYTES", 10 * MIB, minimum=1),
            redis=RedisSettings.from_env(env),
            cache_ttl_seconds=reader.integer("RANK_CACHE_TTL_SECONDS", 300, minimum=0),
            redis_timeout_seconds=reader.number("REDIS_TIMEOUT_SECONDS", 0.25, minimum=0.01),
            sentry_dsn=env.get("SENTRY_DSN") or None,
            otlp=OtlpSettings.from_env(env),
            telemetry_enabled=reader.boolean(TELEMETRY_ENABLED_VARIABLE, True),
        )
