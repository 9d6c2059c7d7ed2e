"""Request and response bodies of the HTTP API (pydantic v1, as FastAPI 0.92 uses)."""

from __future__ import annotations

from typing import Any, List, Optional, Union

from pydantic import BaseModel, ConstrainedInt, Extra, Field, StrictInt, StrictStr, validator


def _valid_unicode(value: Any) -> Any:
    """JSON may carry lone surrogates ("\\ud800"); they cannot be encoded back, so they are refused up front (422)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("contains a lone UTF-16 surrogate (not valid Unicode)") from None
    return value


class ResultLimit(ConstrainedInt):
    """At least 1, and an integer in the JSON (``"2"`` and ``2.0`` are refused). A class rather than ``conint()`` so
    type checkers see an ``int``."""

    strict = True
    ge = 1


class DocumentIn(BaseModel):
    id: Union[StrictInt, StrictStr] = Field(..., description="Echoed back as given (string or integer)")
    title: Optional[StrictStr] = Field("", description="Weighted above the body (RANK_TITLE_WEIGHT)")
    body: Optional[StrictStr] = ""

    @validator("title", "body", pre=False, always=True)
    def _none_is_empty(cls, value: Optional[str]) -> str:
        return _valid_unicode(value or "")

    _unicode_id = validator("id", allow_reuse=True)(_valid_unicode)

    class Config:
        extra = Extra.ignore


class RankRequest(BaseModel):
    query: StrictStr = Field(..., description="May be empty: documents are then returned in input order, score 0")
    documents: List[DocumentIn] = Field(..., description="May be empty; at most RANK_MAX_DOCUMENTS")
    limit: Optional[ResultLimit] = Field(None, description="At most this many results (default: all)")

    _unicode_query = validator("query", allow_reuse=True)(_valid_unicode)

    class Config:
        extra = Extra.ignore
        schema_extra = {"example": {"query": "redis cache", "limit": 2, "documents": [
            {"id": "a", "title": "Redis", "body": "An in-memory cache"},
            {"id": "b", "title": "Postgres", "body": "A relational database"}]}}


class RankedResult(BaseModel):
    id: Union[StrictInt, StrictStr]
    score: float
    rank: int


class RankResponse(BaseModel):
    query: str
    results: List[RankedResult]
    count: int
