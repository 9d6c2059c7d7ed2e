"""The response status as the raw ASGI middlewares (tracing, metrics, errors) learn it: from what they send."""

from __future__ import annotations

from typing import Optional

from starlette.types import Message, Send


class StatusRecordingSend:
    """Passes every message on to ``send`` and remembers the status once the response has started."""

    __slots__ = ("_send", "status")

    def __init__(self, send: Send):
        self._send = send
        self.status: Optional[int] = None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        await self._send(message)
