"""``Nuzantara__Telemetry__Enabled=false`` (the bench's plain variant): no spans, no request metrics, no /metrics; the
API, its problem details and the health endpoints unchanged."""

from __future__ import annotations

import logging

from app.main import create_app
from conftest import client_for, otlp_env, settings_from

RANK = {"query": "redis", "documents": [{"id": 1, "title": "Redis", "body": "cache"}]}
OFF = {"Nuzantara__Telemetry__Enabled": "false"}


def test_telemetry_off_exports_nothing_and_serves_no_metrics(otlp_receiver):
    with client_for(settings_from({**otlp_env(otlp_receiver.endpoint), **OFF})) as client:
        assert client.post("/api/rank", json=RANK).status_code == 200
        assert client.get("/metrics").status_code == 404
        assert client.get("/health").json()["services"]["telemetry"] == "healthy"
        assert client.app.state.telemetry.exporter == "off"
        assert client.app.state.metrics is None  # nothing counts what nothing would serve
        assert client.app.state.telemetry.force_flush(5.0)
    assert otlp_receiver.requests == []


def test_telemetry_off_still_answers_errors_with_problem_details(caplog):
    app = create_app(settings_from(OFF))

    @app.get("/boom")
    async def boom():
        raise ValueError("kaput")

    with caplog.at_level(logging.ERROR, logger="app.requests"), client_for(app=app) as client:
        response = client.get("/boom")
        invalid = client.post("/api/rank", content=b"{")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "An unexpected error occurred."
    assert "traceId" not in response.json()
    assert invalid.status_code == 400 and invalid.headers["content-type"] == "application/problem+json"
    assert any("Unhandled error in GET /boom" in r.getMessage() for r in caplog.records)
