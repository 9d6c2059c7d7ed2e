"""Request headers as the raw ASGI middlewares (tracing, body limit) read them from the scope."""

from __future__ import annotations

from typing import Optional

from starlette.types import Scope


def single_header(scope: Scope, name: bytes) -> Optional[str]:
    """The value of header ``name`` (lower-case), or None when it is absent or repeated (a repeated
    ``traceparent`` is invalid per W3C: the request starts a new trace)."""
    values = [v for k, v in scope.get("headers", ()) if k.lower() == name]
    if len(values) != 1:
        return None
    return values[0].decode("latin-1")
