"""Optional Redis cache of rankings, keyed by a hash of everything the ranking depends on.

Redis is an accelerator, never a dependency: every operation has a short socket timeout
(``REDIS_TIMEOUT_SECONDS``, 0.25 s), and after a failure the cache is bypassed for ``BREAKER_SECONDS`` so a Redis
that is down costs one timeout per few seconds, not one per request. The health check pings regardless (that is how
recovery is noticed) and reports Redis as *degraded*, never unhealthy.

No asyncio cancellation (``wait_for``) is used around commands: cancelling a command mid-flight can leave its reply
on the connection for the next command (redis-py CVE-2023-28858); socket timeouts close the connection instead.
Each stored value also carries its own key, checked on read, so a mixed-up reply could never serve another
request's ranking.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Any, Dict, Optional, Sequence, Tuple

from app.ranking import BM25Params, Document
from app.redis_settings import RedisSettings

log = logging.getLogger(__name__)

KEY_PREFIX = "nuzantara:rank:v1:"
BREAKER_SECONDS = 5.0
MAX_CACHED_BYTES = 1024 * 1024


def cache_key(query: str, documents: Sequence[Document], limit: Optional[int], params: BM25Params) -> str:
    canonical = json.dumps(
        {"q": query, "l": limit, "p": [params.k1, params.b, params.title_weight, params.body_weight],
         "d": [[type(d.id).__name__, d.id, d.title, d.body] for d in documents]},
        ensure_ascii=False, separators=(",", ":"))
    return KEY_PREFIX + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


class RankingCache:
    def __init__(self, settings: RedisSettings, ttl_seconds: int, timeout_seconds: float):
        self.settings = settings
        self.ttl_seconds = ttl_seconds
        self.timeout_seconds = timeout_seconds
        self._client: Any = None
        self._bypass_until = 0.0

    async def start(self) -> None:
        """Creates the client (in the serving event loop). Connecting is lazy: Redis may come up later."""
        import redis.asyncio as aioredis

        self._client = aioredis.Redis(
            host=self.settings.host, port=self.settings.port, password=self.settings.password, db=self.settings.db,
            ssl=self.settings.ssl, socket_timeout=self.timeout_seconds, socket_connect_timeout=self.timeout_seconds,
            retry_on_timeout=False, health_check_interval=0, max_connections=64)

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            try:
                await client.close()
                await client.connection_pool.disconnect()
            except Exception:
                pass

    @property
    def available(self) -> bool:
        return self._client is not None and time.monotonic() >= self._bypass_until

    def _failed(self, operation: str, error: Exception) -> None:
        if time.monotonic() >= self._bypass_until:
            log.warning("Redis %s failed (%s); bypassing the cache for %.0fs", operation, type(error).__name__,
                        BREAKER_SECONDS)
        self._bypass_until = time.monotonic() + BREAKER_SECONDS

    async def get(self, key: str) -> Tuple[str, Optional[Dict[str, Any]]]:
        """("hit", response) / ("miss", None) / ("error", None) — "error" includes a bypassed cache."""
        if not self.available:
            return "error", None
        try:
            raw = await self._client.get(key)
        except Exception as error:
            self._failed("GET", error)
            return "error", None
        if raw is None:
            return "miss", None
        try:
            stored = json.loads(raw)
            if stored.get("k") == key:
                return "hit", stored["r"]
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
        return "miss", None

    async def set(self, key: str, response: Dict[str, Any]) -> None:
        if not self.available or self.ttl_seconds <= 0:
            return
        payload = json.dumps({"k": key, "r": response}, separators=(",", ":"))
        if len(payload) > MAX_CACHED_BYTES:
            return
        try:
            await self._client.set(key, payload, ex=self.ttl_seconds)
        except Exception as error:
            self._failed("SET", error)

    async def ping(self) -> Dict[str, Any]:
        """The ``redis`` entry of the health body. Never carries the password or the raw error text."""
        if self._client is None:
            return {"status": "degraded", "error": "not started"}
        start = time.perf_counter()
        try:
            await self._client.ping()
        except Exception as error:
            self._failed("PING", error)
            return {"status": "degraded", "error": type(error).__name__}
        self._bypass_until = 0.0  # Redis answers again: use the cache again
        return {"status": "healthy", "latencyMs": round((time.perf_counter() - start) * 1000, 3)}
