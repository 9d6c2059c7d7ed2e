"""Request headers as the raw ASGI middlewares (tracing, body limit) read them from the scope."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from starlette.types import Scope


def single_headers(scope: Scope, *names: bytes) -> Tuple[Optional[str], ...]:
    """The values of headers ``names`` (lower-case), in one pass over the request's headers: None for one that is
    absent or repeated (a repeated ``traceparent`` is invalid per W3C: the request starts a new trace)."""
    found: Dict[bytes, List[bytes]] = {}
    for key, value in scope.get("headers", ()):
        key = key.lower()
        if key in names:
            found.setdefault(key, []).append(value)
    return tuple(values[0].decode("latin-1") if len(values := found.get(name, [])) == 1 else None for name in names)
