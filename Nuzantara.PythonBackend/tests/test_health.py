"""Health endpoints: the .NET services' body shape, status codes, Redis degraded (never unhealthy), no secrets."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from conftest import client_for, free_port, otlp_env, settings_from, wait_for

PASSWORD = "s3cr3t-redis-pass"
RANK = {"query": "redis", "documents": [{"id": 1, "title": "Redis", "body": "cache"}, {"id": 2, "body": "x"}]}


def assert_shape(body):
    assert list(body) == ["uptime", "memory", "timestamp", "status", "services", "version", "environment"]
    assert isinstance(body["uptime"], float) and body["uptime"] >= 0
    assert set(body["memory"]) == {"rss", "heapTotal"}
    assert all(isinstance(v, int) and v > 0 for v in body["memory"].values())
    assert isinstance(body["timestamp"], int)
    assert abs(body["timestamp"] - time.time() * 1000) < 60_000, body["timestamp"]
    assert body["status"] in ("healthy", "degraded", "unhealthy")
    assert isinstance(body["services"], dict)
    assert all(status in ("healthy", "degraded", "unhealthy") for status in body["services"].values())


@pytest.mark.parametrize("path", ["/health", "/health/live", "/health/ready", "/health/redis"])
def test_health_shape(path):
    settings = settings_from({"APP_VERSION": "2.3.4", "ASPNETCORE_ENVIRONMENT": "Development"})
    with client_for(settings) as client:
        response = client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert_shape(body)
    assert body["status"] == "healthy"
    assert body["version"] == "2.3.4" and body["environment"] == "development"


def test_full_health_lists_components(client):
    services = client.get("/health").json()["services"]
    assert services == {"app": "healthy", "ranking": "healthy", "telemetry": "healthy"}
    assert client.get("/health/live").json()["services"] == {}


def test_not_ready_before_startup_and_while_draining():
    app = create_app(settings_from())
    raw = TestClient(app)  # not entered: the startup event has not run
    response = raw.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["services"]["app"] == "unhealthy"
    assert raw.get("/health/live").status_code == 200  # liveness does not care
    with TestClient(app) as client:
        assert client.get("/health/ready").status_code == 200
        app.state.health.draining = True
        assert client.get("/health/ready").status_code == 503
        assert client.get("/health").status_code == 503
        assert client.get("/health/live").status_code == 200


def redis_env(port):
    return {"ConnectionStrings__redis": f"127.0.0.1:{port},password={PASSWORD}", "REDIS_TIMEOUT_SECONDS": "0.2"}


def test_redis_down_is_degraded_not_unhealthy_and_ranking_still_works():
    port = free_port()  # nothing listens
    env = {**redis_env(port), **otlp_env("http://127.0.0.1:9", OTEL_EXPORTER_OTLP_HEADERS="x-otlp-api-key=topsecret")}
    with client_for(settings_from(env)) as client:
        ready = client.get("/health/ready")
        assert ready.status_code == 200
        assert ready.json()["status"] == "degraded"
        assert ready.json()["services"]["redis"] == "degraded"
        redis_only = client.get("/health/redis")
        assert redis_only.status_code == 200 and redis_only.json()["status"] == "degraded"
        full = client.get("/health")
        assert full.status_code == 200 and full.json()["status"] == "degraded"
        live = client.get("/health/live")
        assert live.status_code == 200 and live.json()["status"] == "healthy"

        started = time.perf_counter()
        for _ in range(5):
            response = client.post("/api/rank", json=RANK)
            assert response.status_code == 200 and response.json()["count"] == 2
        assert time.perf_counter() - started < 1.0  # the breaker skips Redis after the first failure
        bodies = [client.get(p).text for p in ("/health", "/health/ready", "/health/redis", "/health/live")]
    for text in bodies:
        assert PASSWORD not in text and "topsecret" not in text


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--requirepass", PASSWORD,
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def accepting():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return process.poll() is not None  # exited: stop waiting, the test will fail below

    try:
        wait_for(accepting, timeout=10)
        assert process.poll() is None, "redis-server exited"
        yield port, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_redis_cache_and_recovery(redis_server):
    port, process = redis_server
    with client_for(settings_from(redis_env(port))) as client:
        health = client.get("/health/redis").json()
        assert health["status"] == "healthy"
        assert health["services"]["redis"] == "healthy"

        first = client.post("/api/rank", json=RANK)
        second = client.post("/api/rank", json=RANK)
        other = client.post("/api/rank", json={**RANK, "query": "cache"})
        assert first.headers["x-cache"] == "MISS" and second.headers["x-cache"] == "HIT"
        assert other.headers["x-cache"] == "MISS"
        assert first.json() == second.json()
        assert other.json()["query"] == "cache"
        metrics = client.get("/metrics").text
        assert 'rank_cache_requests_total{result="hit"} 1.0' in metrics

        process.terminate()
        process.wait(5)
        down = client.get("/health/redis")
        assert down.status_code == 200 and down.json()["status"] == "degraded"
        assert client.post("/api/rank", json=RANK).status_code == 200
        assert PASSWORD not in down.text
