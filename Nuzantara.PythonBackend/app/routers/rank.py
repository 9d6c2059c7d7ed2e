"""``POST /api/rank``: BM25F ranking of the submitted documents for a query (see ``app/ranking.py``)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from app.cache import RankingCache, cache_key
from app.deps import get_app_settings, get_cache, get_metrics
from app.problems import TYPE_DOCUMENT_TOO_LARGE, TYPE_QUERY_TOO_LARGE, TYPE_TOO_MANY_DOCUMENTS, LimitExceeded
from app.ranking import BM25Params, Document, rank_documents
from app.schemas import RankRequest, RankResponse
from app.settings import Settings
from app.telemetry.metrics import Metrics

log = logging.getLogger(__name__)

router = APIRouter(tags=["ranking"])

_PROBLEM: Dict[str, Any] = {"content": {"application/problem+json": {}}}


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def enforce_limits(payload: RankRequest, settings: Settings) -> None:
    """Raises ``LimitExceeded`` (422) naming the first limit the request breaks."""
    if len(payload.documents) > settings.max_documents:
        raise LimitExceeded(status=422, type_=TYPE_TOO_MANY_DOCUMENTS, title="Too many documents",
                            detail=f"{len(payload.documents)} documents submitted; at most {settings.max_documents} "
                                   f"are ranked per request.",
                            field="documents", limit=settings.max_documents, limit_name="RANK_MAX_DOCUMENTS")
    query_size = _utf8_size(payload.query)
    if query_size > settings.max_query_bytes:
        raise LimitExceeded(status=422, type_=TYPE_QUERY_TOO_LARGE, title="Query too long",
                            detail=f"The query has {query_size} bytes (UTF-8); the limit is "
                                   f"{settings.max_query_bytes}.",
                            field="query", limit=settings.max_query_bytes, limit_name="RANK_MAX_QUERY_BYTES")
    for index, document in enumerate(payload.documents):
        size = _utf8_size(document.title or "") + _utf8_size(document.body or "")
        if size > settings.max_document_bytes:
            raise LimitExceeded(status=422, type_=TYPE_DOCUMENT_TOO_LARGE, title="Document too long",
                                detail=f"Document {index} has {size} bytes of text (title + body, UTF-8); the limit "
                                       f"is {settings.max_document_bytes}.",
                                field=f"documents[{index}]", limit=settings.max_document_bytes,
                                limit_name="RANK_MAX_DOCUMENT_BYTES")


def _rank(query: str, documents: List[Document], params: BM25Params, limit: Optional[int]) -> Dict[str, Any]:
    ranked = rank_documents(query, documents, params, limit)
    results = [{"id": r.id, "score": r.score, "rank": r.rank} for r in ranked]
    return {"query": query, "results": results, "count": len(results)}


@router.post(
    "/api/rank",
    response_model=RankResponse,
    summary="Rank documents for a query with BM25F (title weighted above body)",
    responses={400: {"description": "Malformed JSON", **_PROBLEM},
               413: {"description": "Request body over MAX_REQUEST_BODY_BYTES", **_PROBLEM},
               422: {"description": "Invalid request, or a RANK_MAX_* limit exceeded", **_PROBLEM}},
)
async def rank(payload: RankRequest, settings: Settings = Depends(get_app_settings),
               cache: Optional[RankingCache] = Depends(get_cache),
               metrics: Optional[Metrics] = Depends(get_metrics)) -> JSONResponse:
    enforce_limits(payload, settings)
    params = BM25Params(settings.k1, settings.b, settings.title_weight, settings.body_weight)
    documents = [Document(d.id, d.title or "", d.body or "") for d in payload.documents]
    if metrics is not None:
        metrics.rank_documents.observe(len(documents))

    headers: Dict[str, str] = {}
    key = None
    if cache is not None and documents:
        key = cache_key(payload.query, documents, payload.limit, params)
        outcome, cached = await cache.get(key)
        if metrics is not None:
            metrics.rank_cache.labels(outcome).inc()
        headers["X-Cache"] = "HIT" if outcome == "hit" else "MISS"
        if cached is not None:
            return JSONResponse(cached, headers=headers)

    # CPU-bound: off the event loop (the thread pool copies the context, so logs keep the trace ids).
    body = await run_in_threadpool(_rank, payload.query, documents, params, payload.limit)
    log.debug("Ranked %d documents, returned %d", len(documents), body["count"])
    if cache is not None and key is not None:
        await cache.set(key, body)
    return JSONResponse(body, headers=headers)
