"""POST /api/rank and the error contract (RFC 9457 problem details, never a 500 for bad input)."""

from __future__ import annotations

import json

import anyio.to_thread
import pytest

from app.main import create_app
from conftest import client_for, settings_from

DOCS = [
    {"id": "cooking", "title": "Pasta recipes", "body": "Boil water, add salt and pasta."},
    {"id": "redis", "title": "Redis caching", "body": "Redis is an in-memory cache used for caching rankings."},
    {"id": 42, "title": "Postgres", "body": "A relational database; can also act as a cache."},
]


def assert_problem(response, status, type_suffix=None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert body["traceId"].startswith("00-") and len(body["traceId"]) == 55
    if type_suffix:
        assert body["type"] == "urn:nuzantara:problem:" + type_suffix
    return body


def test_rank_happy_path(client):
    response = client.post("/api/rank", json={"query": "redis cache", "documents": DOCS})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"query", "results", "count"}
    assert body["query"] == "redis cache"
    assert [r["id"] for r in body["results"]] == ["redis", 42, "cooking"]  # ids echoed with their JSON type
    assert [r["rank"] for r in body["results"]] == [1, 2, 3]
    assert body["count"] == 3
    assert body["results"][0]["score"] > body["results"][1]["score"] > body["results"][2]["score"] == 0
    assert all(set(r) == {"id", "score", "rank"} for r in body["results"])


def test_rank_is_deterministic_over_requests(client):
    payload = {"query": "cache database", "documents": DOCS * 5}
    first = client.post("/api/rank", json=payload).json()
    assert all(client.post("/api/rank", json=payload).json() == first for _ in range(3))


def test_rank_uses_one_worker_thread_for_the_ranking_only(client, monkeypatch):
    """The ranking runs off the event loop; the dependencies that hand it the settings, the cache and the metrics do not
    (each hop to the thread pool and back cost ~130 µs of CPU; app/deps.py)."""
    hops = []
    run_sync = anyio.to_thread.run_sync

    async def counting_run_sync(func, *args, **kwargs):
        hops.append(getattr(func, "__name__", repr(func)))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting_run_sync)
    response = client.post("/api/rank", json={"query": "redis cache", "documents": DOCS})
    assert response.status_code == 200
    assert hops == ["_rank"]


def test_rank_limit(client):
    body = client.post("/api/rank", json={"query": "redis", "documents": DOCS, "limit": 1}).json()
    assert body["count"] == 1 and body["results"][0]["id"] == "redis"


@pytest.mark.parametrize("query", ["", "  ", "?!"])
def test_empty_query_returns_documents_in_input_order(client, query):
    body = client.post("/api/rank", json={"query": query, "documents": DOCS}).json()
    assert [r["id"] for r in body["results"]] == ["cooking", "redis", 42]
    assert [r["score"] for r in body["results"]] == [0, 0, 0]


def test_empty_document_list(client):
    response = client.post("/api/rank", json={"query": "anything", "documents": []})
    assert response.status_code == 200
    assert response.json() == {"query": "anything", "results": [], "count": 0}


def test_optional_fields_and_nulls(client):
    response = client.post("/api/rank", json={"query": "kafka", "documents": [
        {"id": 1}, {"id": 2, "title": None, "body": "kafka"}, {"id": 3, "title": "kafka", "extra": "ignored"}]})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [3, 2, 1]


def test_too_many_documents_is_422_naming_the_limit():
    with client_for(settings_from({"RANK_MAX_DOCUMENTS": "3"})) as c:
        assert c.post("/api/rank", json={"query": "x", "documents": DOCS}).status_code == 200
        response = c.post("/api/rank", json={"query": "x", "documents": DOCS + [{"id": "four"}]})
    body = assert_problem(response, 422, "too-many-documents")
    assert body["field"] == "documents" and body["limit"] == 3 and body["limitName"] == "RANK_MAX_DOCUMENTS"
    assert "4 documents" in body["detail"]


def test_document_text_too_long_is_422_naming_the_document():
    with client_for(settings_from({"RANK_MAX_DOCUMENT_BYTES": "100"})) as c:
        ok = c.post("/api/rank", json={"query": "x", "documents": [{"id": 1, "title": "t" * 50, "body": "b" * 50}]})
        assert ok.status_code == 200
        response = c.post("/api/rank", json={"query": "x", "documents": [
            {"id": 1, "body": "fine"}, {"id": 2, "title": "t" * 50, "body": "é" * 26}]})  # é = 2 bytes
    body = assert_problem(response, 422, "document-too-large")
    assert body["field"] == "documents[1]" and body["limit"] == 100
    assert body["limitName"] == "RANK_MAX_DOCUMENT_BYTES"


def test_default_document_limit_is_64_kib(client):
    at_limit = {"id": 1, "body": "a" * (64 * 1024)}
    assert client.post("/api/rank", json={"query": "a", "documents": [at_limit]}).status_code == 200
    over = {"id": 1, "title": "b", "body": "a" * (64 * 1024)}
    assert_problem(client.post("/api/rank", json={"query": "a", "documents": [over]}), 422, "document-too-large")


def test_query_too_long_is_422(client):
    body = assert_problem(client.post("/api/rank", json={"query": "q" * 5000, "documents": []}), 422,
                          "query-too-large")
    assert body["field"] == "query" and body["limitName"] == "RANK_MAX_QUERY_BYTES"


def test_body_over_limit_is_413_before_parsing():
    payload = json.dumps({"query": "x", "documents": [{"id": 1, "body": "y" * 2000}]}).encode()
    with client_for(settings_from({"MAX_REQUEST_BODY_BYTES": "1000"})) as c:
        response = c.post("/api/rank", content=payload, headers={"content-type": "application/json"})
        body = assert_problem(response, 413, "request-body-too-large")
        assert body["field"] == "body" and body["limit"] == 1000 and body["limitName"] == "MAX_REQUEST_BODY_BYTES"
        # Also without Content-Length (chunked upload): counted while reading.
        chunked = c.post("/api/rank", content=iter([payload[:600], payload[600:]]),
                         headers={"content-type": "application/json"})
        assert_problem(chunked, 413, "request-body-too-large")
        # Under the limit, chunked bodies are replayed to the app intact.
        small = json.dumps({"query": "x", "documents": [{"id": 1, "body": "x"}]}).encode()
        ok = c.post("/api/rank", content=iter([small[:10], small[10:]]), headers={"content-type": "application/json"})
        assert ok.status_code == 200 and ok.json()["count"] == 1


def test_default_body_limit_is_10_mib(client):
    payload = b'{"query": "x", "documents": [], "pad": "' + b"p" * (10 * 1024 * 1024) + b'"}'
    assert_problem(client.post("/api/rank", content=payload, headers={"content-type": "application/json"}), 413)


@pytest.mark.parametrize("content, status", [
    (b"{bad json", 400),
    (b'{"query": "x", "documents": [}', 400),
    (b"\xff\xfe\x00garbage", 400),
    (b"[" * 50000 + b"]" * 50000, 400),  # nesting deeper than the JSON parser's recursion
    (b'"just a string"', 422),
    (b"null", 422),
    (b"[]", 422),
    (b"", 422),
    (b'{"query": 5, "documents": []}', 422),
    (b'{"query": "x", "documents": "nope"}', 422),
    (b'{"query": "x", "documents": [{"title": "no id"}]}', 422),
    (b'{"query": "x", "documents": [{"id": 1.5}]}', 422),
    (b'{"query": "x", "documents": [{"id": {"a": 1}}]}', 422),
    (b'{"query": "x", "documents": [], "limit": 0}', 422),
    (b'{"query": "x", "documents": [], "limit": "3"}', 422),
    (b'{"query": "x", "documents": [{"id": 1, "body": NaN}]}', 422),
    (b'{"query": "\\ud800", "documents": [{"id": 1, "body": "x"}]}', 422),  # lone surrogate
    (b'{"query": "x", "documents": [{"id": "\\udfff", "body": "x"}]}', 422),
    (b'{"query": "x", "documents": [{"id": 1, "title": "a\\ud83d"}]}', 422),
], ids=lambda value: repr(value)[:40] if isinstance(value, bytes) else str(value))
def test_malformed_requests_get_problem_details_never_500(client, content, status):
    response = client.post("/api/rank", content=content, headers={"content-type": "application/json"})
    body = assert_problem(response, status)
    assert "field" in body
    if status == 400:
        assert body["type"].endswith("malformed-json") or body["detail"]


def test_validation_problem_lists_fields(client):
    response = client.post("/api/rank", json={"query": "x", "documents": [{"id": 1}, {"title": "t"}]})
    body = assert_problem(response, 422, "validation-error")
    assert body["field"] == "documents[1].id"
    assert body["errors"][0]["field"] == "documents[1].id"


def test_non_json_content_type_is_422(client):
    response = client.post("/api/rank", content=b"query=x", headers={"content-type": "text/plain"})
    assert_problem(response, 422)


def test_unknown_route_and_wrong_method(client):
    not_found = assert_problem(client.get("/api/nope"), 404)
    assert not_found["instance"] == "/api/nope"
    response = client.get("/api/rank")
    assert_problem(response, 405)
    assert response.headers.get("allow") == "POST"


def test_unhandled_exception_is_a_500_problem_without_details():
    app = create_app(settings_from())

    @app.get("/boom")
    async def boom():
        raise RuntimeError("secret internals")

    with client_for(app=app) as c:
        response = c.get("/boom")
    body = assert_problem(response, 500, "internal-error")
    assert body["detail"] == "An unexpected error occurred."
    assert "secret" not in response.text


def test_openapi_documents_the_rank_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert "/api/rank" in spec["paths"]
    assert {"400", "413", "422"} <= set(spec["paths"]["/api/rank"]["post"]["responses"])
