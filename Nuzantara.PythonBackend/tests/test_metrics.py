"""/metrics: names, types and labels after traffic; route templates, never raw paths."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from app.main import create_app
from conftest import client_for, settings_from

RANK = {"query": "x", "documents": [{"id": 1, "body": "x"}]}


def scrape(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    families = {f.name: f for f in text_string_to_metric_families(response.text)}
    return families, response.text


def samples(family, name=None, **labels):
    return [s for s in family.samples if (name is None or s.name == name)
            and all(s.labels.get(k) == v for k, v in labels.items())]


def test_red_metrics_after_traffic():
    app = create_app(settings_from())

    @app.get("/items/{item_id}")
    async def item(item_id: int):
        return {"id": item_id}

    with client_for(app=app) as client:
        for _ in range(3):
            client.post("/api/rank", json=RANK)
        client.post("/api/rank", content=b"{")
        client.get("/items/1")
        client.get("/items/2")
        client.get("/items/not-a-number")
        client.get("/no/such/path/123")
        client.get("/api/rank")  # 405
        families, text = scrape(client)

    requests = families["http_requests"]
    assert requests.type == "counter"
    assert samples(requests, "http_requests_total", method="POST", route="/api/rank", status="200")[0].value == 3
    assert samples(requests, "http_requests_total", method="POST", route="/api/rank", status="400")[0].value == 1
    # Path parameters are labelled by the template…
    assert samples(requests, "http_requests_total", method="GET", route="/items/{item_id}",
                   status="200")[0].value == 2
    assert samples(requests, "http_requests_total", method="GET", route="/items/{item_id}", status="422")
    # …unknown paths as "unmatched", and a wrong method still by the template.
    assert samples(requests, "http_requests_total", method="GET", route="unmatched", status="404")[0].value == 1
    assert samples(requests, "http_requests_total", method="GET", route="/api/rank", status="405")
    assert "/no/such/path" not in text and "/items/1" not in text and "not-a-number" not in text

    errors = families["http_errors"]
    assert errors.type == "counter"
    error_statuses = {s.labels["status"] for s in samples(errors, "http_errors_total")}
    assert error_statuses == {"400", "404", "405", "422"}

    duration = families["http_request_duration_seconds"]
    assert duration.type == "histogram"
    count = samples(duration, "http_request_duration_seconds_count", method="POST", route="/api/rank",
                    status="200")
    assert count[0].value == 3
    buckets = samples(duration, "http_request_duration_seconds_bucket", route="/api/rank", status="200")
    assert {s.labels["le"] for s in buckets} >= {"0.005", "0.1", "1.0", "+Inf"}
    assert set(buckets[0].labels) == {"method", "route", "status", "le"}

    active = families["http_active_connections"]
    assert active.type == "gauge"
    assert active.samples[0].value == 0  # the scrape itself is not a request the metrics count

    # process_start_time_seconds: ContainerRestarted watches it for restarts under Compose and Kubernetes.
    for name in ("process_cpu_seconds", "process_resident_memory_bytes", "process_open_fds",
                 "process_start_time_seconds", "python_info"):
        assert name in families, name
    assert families["rank_documents"].type == "histogram"


def test_metrics_count_413s_but_not_probes_or_scrapes():
    with client_for(settings_from({"MAX_REQUEST_BODY_BYTES": "10"})) as client:
        client.post("/api/rank", content=b'{"query": "way too long"}', headers={"content-type": "application/json"})
        for path in ("/health", "/health/live", "/health/ready", "/health/redis", "/metrics"):
            client.get(path)
        families, _ = scrape(client)
    requests = families["http_requests"]
    assert samples(requests, "http_requests_total", method="POST", route="/api/rank", status="413")
    assert {s.labels["route"] for s in samples(requests, "http_requests_total")} == {"/api/rank"}
    assert {s.labels["route"] for s in samples(families["http_request_duration_seconds"])} == {"/api/rank"}


def test_a_probe_answering_503_is_not_an_error():
    with client_for() as client:
        client.app.state.health.draining = True  # shutting down: readiness answers 503
        assert client.get("/health/ready").status_code == 503
        families, _ = scrape(client)
    assert samples(families["http_errors"], "http_errors_total") == []
    assert samples(families["http_requests"], "http_requests_total") == []


def test_unknown_methods_do_not_create_series():
    with client_for() as client:
        client.request("BREW", "/api/rank")
        families, _ = scrape(client)
    methods = {s.labels["method"] for s in samples(families["http_requests"], "http_requests_total")}
    assert "BREW" not in methods and "OTHER" in methods


def test_unhandled_errors_count_as_500():
    app = create_app(settings_from())

    @app.get("/boom")
    async def boom():
        raise RuntimeError("x")

    with client_for(app=app) as client:
        client.get("/boom")
        families, _ = scrape(client)
    assert samples(families["http_errors"], "http_errors_total", route="/boom", status="500")[0].value == 1


def test_each_app_has_its_own_registry():
    with client_for() as first, client_for() as second:
        first.post("/api/rank", json=RANK)
        families, _ = scrape(second)
    assert not samples(families["http_requests"], "http_requests_total", route="/api/rank")
