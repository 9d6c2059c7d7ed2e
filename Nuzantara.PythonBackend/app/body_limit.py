"""The request body size limit: 413 problem details naming ``MAX_REQUEST_BODY_BYTES``, as pure ASGI middleware.

It runs before routing and body parsing, so an oversized body is refused without being read (declared size) or
without being read beyond the limit (chunked upload).
"""

from __future__ import annotations

from typing import Any, Dict, List

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.asgi_headers import single_headers
from app.problems import TYPE_BODY_TOO_LARGE, problem, send_problem


class BodyLimitMiddleware:
    """Answers 413 (problem details naming the limit) when a request body exceeds ``max_body_bytes``.

    A declared ``Content-Length`` over the limit is refused before reading anything. A chunked upload is read up
    to the limit and replayed to the app; one byte more and the app is never called. The app reads whole bodies
    anyway (JSON), so buffering here costs no extra latency.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    def _too_large(self, size_hint: str) -> Dict[str, Any]:
        return problem(413, title="Request body too large",
                       detail=f"The request body ({size_hint}) exceeds the limit of {self.max_body_bytes} bytes.",
                       type_=TYPE_BODY_TOO_LARGE, field="body", limit=self.max_body_bytes,
                       limitName="MAX_REQUEST_BODY_BYTES")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length, transfer_encoding = single_headers(scope, b"content-length", b"transfer-encoding")
        chunked = "chunked" in (transfer_encoding or "").lower()
        if length is not None and not chunked:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared > self.max_body_bytes:
                await self._refuse(scope, send, f"{declared} bytes")
                return
            if declared == 0:
                await self.app(scope, receive, send)
                return
        elif not chunked:
            await self.app(scope, receive, send)  # no body at all
            return

        chunks: List[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left; nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._refuse(scope, send, f"more than {self.max_body_bytes} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)

        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send, size_hint: str) -> None:
        await send_problem(send, self._too_large(size_hint), headers=[(b"connection", b"close")])
