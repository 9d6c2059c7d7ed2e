"""RFC 9457 problem details for every error this service answers, and the exception handlers that produce them.

Every problem has ``type``, ``title``, ``status``, ``detail`` and ``instance`` (the request path), plus ``traceId``
(``00-<trace id>-<span id>-01``, as ASP.NET Core's problem details carry it) so a client error report leads straight
to the trace. Limit violations add ``field`` (what was too big), ``limit`` (the configured value) and ``limitName``
(the environment variable that sets it). Unhandled exceptions are answered by ``errors.py``, oversized bodies by
``body_limit.py``. Nothing in a problem ever echoes request content or configuration secrets.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import Send

from app.telemetry.context import current_ids

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:nuzantara:problem:"

TYPE_BODY_TOO_LARGE = TYPE_PREFIX + "request-body-too-large"
TYPE_TOO_MANY_DOCUMENTS = TYPE_PREFIX + "too-many-documents"
TYPE_DOCUMENT_TOO_LARGE = TYPE_PREFIX + "document-too-large"
TYPE_QUERY_TOO_LARGE = TYPE_PREFIX + "query-too-large"
TYPE_MALFORMED_JSON = TYPE_PREFIX + "malformed-json"
TYPE_VALIDATION = TYPE_PREFIX + "validation-error"
TYPE_INTERNAL = TYPE_PREFIX + "internal-error"

_FASTAPI_BODY_ERROR = "There was an error parsing the body"


class LimitExceeded(Exception):
    """A configured request limit was exceeded: 413 for the body, 422 for the content."""

    def __init__(self, *, status: int, type_: str, title: str, detail: str, field: str, limit: int, limit_name: str):
        super().__init__(detail)
        self.status = status
        self.type = type_
        self.title = title
        self.detail = detail
        self.field = field
        self.limit = limit
        self.limit_name = limit_name

    def extensions(self) -> Dict[str, Any]:
        return {"field": self.field, "limit": self.limit, "limitName": self.limit_name}


def problem(status: int, *, title: Optional[str] = None, detail: Optional[str] = None, type_: str = "about:blank",
            instance: Optional[str] = None, **extensions: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "type": type_,
        "title": title or _phrase(status),
        "status": status,
        "detail": detail or _phrase(status),
    }
    if instance:
        body["instance"] = instance
    ids = current_ids()
    if ids:
        body["traceId"] = f"00-{ids[0]}-{ids[1]}-01"
    body.update(extensions)
    return body


def problem_response(status: int, *, title: Optional[str] = None, detail: Optional[str] = None,
                     type_: str = "about:blank", instance: Optional[str] = None,
                     headers: Optional[Dict[str, str]] = None, **extensions: Any) -> JSONResponse:
    body = problem(status, title=title, detail=detail, type_=type_, instance=instance, **extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=headers)


async def send_problem(send: Send, body: Dict[str, Any], headers: Iterable[Tuple[bytes, bytes]] = ()) -> None:
    """Sends a problem from raw ASGI middleware (no Request/Response objects there)."""
    payload = json.dumps(body).encode("utf-8")
    await send({"type": "http.response.start", "status": body["status"], "headers": [
        (b"content-type", PROBLEM_CONTENT_TYPE.encode()), (b"content-length", str(len(payload)).encode()),
        *headers]})
    await send({"type": "http.response.body", "body": payload})


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _field(loc: Iterable[Any]) -> str:
    """``("body", "documents", 3, "id")`` -> ``documents[3].id``."""
    text = ""
    for part in loc:
        if part == "body" and not text:
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def _validation_errors(errors: Sequence[Mapping[str, Any]]) -> List[Dict[str, str]]:
    return [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in errors]


def install_exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 400 and detail == _FASTAPI_BODY_ERROR:
            # FastAPI's answer to a body json cannot decode at all (bad encoding, nesting beyond recursion limit).
            return problem_response(400, title="Malformed JSON",
                                    detail="The request body could not be decoded as JSON.",
                                    type_=TYPE_MALFORMED_JSON, instance=request.url.path, field="body")
        return problem_response(exc.status_code, detail=detail, instance=request.url.path,
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        malformed = [e for e in errors if e.get("type") == "value_error.jsondecode"]
        if malformed:
            # FastAPI reports undecodable JSON as a validation error; it is a syntax error of the request: 400.
            # msg is json's own message ("Expecting value: line 1 column 9 (char 8)"): positions, no content.
            return problem_response(
                400, title="Malformed JSON",
                detail=f"The request body is not valid JSON: {malformed[0].get('msg', 'parse error')}",
                type_=TYPE_MALFORMED_JSON, instance=request.url.path, field="body")
        details = _validation_errors(errors)
        return problem_response(
            422, title="Request validation failed",
            detail=(f"{len(details)} field(s) are invalid; first: {details[0]['field']}: {details[0]['message']}"
                    if details else "The request is invalid"),
            type_=TYPE_VALIDATION, instance=request.url.path, field=details[0]["field"] if details else "body",
            errors=details[:50])

    @app.exception_handler(LimitExceeded)
    async def limit_exceeded(request: Request, exc: LimitExceeded) -> JSONResponse:
        return problem_response(exc.status, title=exc.title, detail=exc.detail, type_=exc.type,
                                instance=request.url.path, **exc.extensions())
