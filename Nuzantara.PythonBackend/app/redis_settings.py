"""Where the optional Redis cache is: ``ConnectionStrings__redis`` (Aspire) or ``REDIS_URL``, parsed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional
from urllib.parse import unquote, urlsplit

from app.env_reader import SettingsError

# Aspire's WithReference(redis) sets the first; the second is the common name outside Aspire.
CONNECTION_STRING_VARIABLES = ("ConnectionStrings__redis", "REDIS_URL")


@dataclass(frozen=True)
class RedisSettings:
    host: str
    port: int
    password: Optional[str] = field(default=None, repr=False)
    db: int = 0
    ssl: bool = False

    @staticmethod
    def from_env(env: Mapping[str, str]) -> Optional["RedisSettings"]:
        """The configured Redis, or None when no connection string is set (then the service runs without a cache)."""
        for name in CONNECTION_STRING_VARIABLES:
            if env.get(name):
                return RedisSettings.parse(env[name], name)
        return None

    @staticmethod
    def parse(connection_string: str, variable: str = CONNECTION_STRING_VARIABLES[0]) -> "RedisSettings":
        """StackExchange.Redis syntax, as Aspire hands it out: ``host:port,password=xxx,ssl=False,defaultDatabase=0``.

        A ``redis://`` URL is accepted as well. Unknown options (abortConnect, connectTimeout…) are ignored.
        ``variable`` names the source in errors.
        """
        text = connection_string.strip()
        if text.startswith(("redis://", "rediss://")):
            url = urlsplit(text)
            try:
                port_number, db = url.port or 6379, int(url.path.lstrip("/") or 0)
            except ValueError:
                raise SettingsError(f"{variable} has a non-numeric port or database number") from None
            return RedisSettings(url.hostname or "localhost", port_number,
                                 unquote(url.password) if url.password else None, db, url.scheme == "rediss")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not parts or "=" in parts[0]:
            raise SettingsError(f"{variable} must start with host:port")
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
            raise SettingsError(f"{variable} has a non-numeric port or defaultDatabase") from None
        return RedisSettings(host, port_number, options.get("password") or None, db,
                             options.get("ssl", "false").lower() == "true")
