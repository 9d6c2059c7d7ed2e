"""Trace context, SERVER spans, the OTLP/JSON exporter (against an in-test receiver), log correlation, Sentry tags."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest

from app.main import create_app
from app.telemetry.context import SpanContext, current_ids, current_span, parse_traceparent
from app.telemetry.otlp import BatchSpanProcessor, OtlpJsonSpanExporter, encode_request, encode_value
from app.telemetry.sentry import add_trace_tags, init_sentry
from app.telemetry.tracing import SPAN_KIND_SERVER, STATUS_ERROR, Sampler, Tracer
from conftest import API_KEY, client_for, free_port, otlp_env, settings_from, wait_for

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_ID}-01"
RANK = {"query": "redis", "documents": [{"id": 1, "title": "Redis", "body": "cache"}]}


def attributes(span):
    """OTLP attribute list -> {key: python value}."""
    result = {}
    for item in span["attributes"]:
        (kind, value), = item["value"].items()
        result[item["key"]] = int(value) if kind == "intValue" else value
    return result


# ------------------------------------------------------------------------------------------------ trace context
@pytest.mark.parametrize("header, expected", [
    (TRACEPARENT, SpanContext(TRACE_ID, PARENT_ID, True, "", True)),
    (f"00-{TRACE_ID}-{PARENT_ID}-00", SpanContext(TRACE_ID, PARENT_ID, False, "", True)),
    (f"  00-{TRACE_ID}-{PARENT_ID}-01 ", SpanContext(TRACE_ID, PARENT_ID, True, "", True)),
    (f"01-{TRACE_ID}-{PARENT_ID}-01-future", SpanContext(TRACE_ID, PARENT_ID, True, "", True)),  # newer version
    (None, None),
    ("", None),
    ("garbage", None),
    (f"00-{TRACE_ID}-{PARENT_ID}-01-extra", None),  # version 00 has exactly four fields
    (f"ff-{TRACE_ID}-{PARENT_ID}-01", None),
    (f"00-{'0' * 32}-{PARENT_ID}-01", None),
    (f"00-{TRACE_ID}-{'0' * 16}-01", None),
    (f"00-{TRACE_ID.upper()}-{PARENT_ID}-01", None),  # must be lowercase
    (f"00-{TRACE_ID[:-1]}-{PARENT_ID}-01", None),
])
def test_parse_traceparent(header, expected):
    assert parse_traceparent(header) == expected


def test_tracestate_is_kept():
    assert parse_traceparent(TRACEPARENT, "vendor=abc").trace_state == "vendor=abc"


def test_tracer_continues_or_starts_traces():
    tracer = Tracer(None)
    child = tracer.start_span("x", parse_traceparent(TRACEPARENT), SPAN_KIND_SERVER)
    assert child.context.trace_id == TRACE_ID and child.parent_span_id == PARENT_ID
    assert child.context.span_id != PARENT_ID and len(child.context.span_id) == 16
    root = tracer.start_span("y")
    assert root.parent_span_id is None and len(root.context.trace_id) == 32
    assert root.context.trace_id != TRACE_ID


def test_sampler():
    sampled, unsampled = parse_traceparent(TRACEPARENT), parse_traceparent(f"00-{TRACE_ID}-{PARENT_ID}-00")
    assert Sampler("parentbased_always_on").should_sample(unsampled) is False
    assert Sampler("parentbased_always_on").should_sample(None) is True
    assert Sampler("always_on").should_sample(unsampled) is True
    assert Sampler("always_off").should_sample(sampled) is False


def test_otlp_value_encoding():
    assert encode_value("s") == {"stringValue": "s"}
    assert encode_value(7) == {"intValue": "7"}
    assert encode_value(True) == {"boolValue": True}
    assert encode_value(1.5) == {"doubleValue": 1.5}
    assert encode_value(float("nan")) == {"doubleValue": "NaN"}
    assert encode_value(["a", 1]) == {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": "1"}]}}
    assert encode_value(b"\x00\x01") == {"bytesValue": "AAE="}


# ------------------------------------------------------------------------------------- end to end with a receiver
def test_incoming_traceparent_is_continued_and_exported(otlp_receiver):
    settings = settings_from(otlp_env(otlp_receiver.endpoint))
    with client_for(settings) as client:
        response = client.post("/api/rank", json=RANK, headers={"traceparent": TRACEPARENT,
                                                                "user-agent": "pytest-agent"})
        assert response.status_code == 200
        assert client.app.state.telemetry.force_flush(5.0)
        request = wait_for(lambda: otlp_receiver.requests and otlp_receiver.requests[0])

    assert request["path"] == "/v1/traces"
    assert request["headers"]["content-type"] == "application/json"
    assert request["headers"]["x-otlp-api-key"] == API_KEY

    resource_spans = request["body"]["resourceSpans"]
    resource = attributes(resource_spans[0]["resource"])
    assert resource["service.name"] == "python-backend"
    assert resource["service.instance.id"] == "python-backend-abc123"
    assert resource["telemetry.sdk.language"] == "python"
    scope_spans = resource_spans[0]["scopeSpans"][0]
    assert scope_spans["scope"]["name"]

    span = next(s for s in scope_spans["spans"] if s["name"] == "POST /api/rank")
    assert span["traceId"] == TRACE_ID
    assert span["parentSpanId"] == PARENT_ID
    assert len(span["spanId"]) == 16 and span["spanId"] != PARENT_ID and span["spanId"] == span["spanId"].lower()
    assert span["kind"] == 2
    assert isinstance(span["startTimeUnixNano"], str) and isinstance(span["endTimeUnixNano"], str)
    assert int(span["endTimeUnixNano"]) >= int(span["startTimeUnixNano"]) > 1_600_000_000 * 10 ** 9
    assert span["status"] == {}
    attrs = attributes(span)
    assert attrs["http.request.method"] == "POST"
    assert attrs["http.route"] == "/api/rank"
    assert attrs["url.path"] == "/api/rank"
    assert attrs["http.response.status_code"] == 200
    assert attrs["user_agent.original"] == "pytest-agent"
    int_attr = next(a for a in span["attributes"] if a["key"] == "http.response.status_code")
    assert int_attr["value"] == {"intValue": "200"}


def test_request_without_traceparent_starts_a_new_trace(otlp_receiver):
    with client_for(settings_from(otlp_env(otlp_receiver.endpoint))) as client:
        client.get("/docs")
        client.get("/docs", headers={"traceparent": "not-a-traceparent"})
        client.app.state.telemetry.force_flush(5.0)
    spans = wait_for(lambda: len(otlp_receiver.spans()) >= 2 and otlp_receiver.spans())
    assert all("parentSpanId" not in s for s in spans)
    assert len({s["traceId"] for s in spans}) == 2
    assert spans[0]["name"] == "GET /docs"


def test_repeated_traceparent_starts_a_new_trace_and_unsampled_requests_export_nothing(otlp_receiver):
    env = otlp_env(otlp_receiver.endpoint, OTEL_TRACES_SAMPLER="parentbased_always_on")  # the SDK's default
    with client_for(settings_from(env)) as client:
        # httpx sends a list of pairs as repeated headers.
        client.get("/docs", headers=[("traceparent", TRACEPARENT), ("Traceparent", TRACEPARENT)])
        unsampled = client.get("/docs", headers={"traceparent": f"00-{TRACE_ID}-{PARENT_ID}-00"})
        assert unsampled.status_code == 200
        client.app.state.telemetry.force_flush(5.0)
    spans = wait_for(lambda: otlp_receiver.spans())
    assert len(spans) == 1  # the parent-based sampler follows the unsampled caller: no span leaves the service
    assert spans[0]["traceId"] != TRACE_ID and "parentSpanId" not in spans[0]
    assert attributes(spans[0])["http.route"] == "/docs"


def test_span_ids_are_random_lowercase_hex():
    tracer = Tracer(None)
    spans = [tracer.start_span(str(i)) for i in range(200)]
    for span in spans:
        assert len(span.context.trace_id) == 32 and len(span.context.span_id) == 16
        assert int(span.context.trace_id, 16) and int(span.context.span_id, 16)
        assert span.context.trace_id == span.context.trace_id.lower()
    assert len({s.context.trace_id for s in spans}) == 200 and len({s.context.span_id for s in spans}) == 200


def test_probes_and_scrapes_are_not_traced(otlp_receiver):
    with client_for(settings_from(otlp_env(otlp_receiver.endpoint))) as client:
        for path in ("/health", "/health/live", "/health/ready", "/health/redis", "/metrics"):
            assert client.get(path).status_code == 200
        client.get("/docs")
        client.app.state.telemetry.force_flush(5.0)
    assert [s["name"] for s in otlp_receiver.spans()] == ["GET /docs"]


def test_problem_details_and_error_spans_carry_the_trace(otlp_receiver):
    app = create_app(settings_from(otlp_env(otlp_receiver.endpoint)))

    @app.get("/boom")
    async def boom():
        raise ValueError("kaput")

    with client_for(app=app) as client:
        problem = client.post("/api/rank", content=b"{", headers={"traceparent": TRACEPARENT}).json()
        assert problem["traceId"].startswith(f"00-{TRACE_ID}-")
        assert client.get("/boom").status_code == 500
        client.get("/definitely/unknown/path")
        client.app.state.telemetry.force_flush(5.0)
    spans = {s["name"]: s for s in wait_for(lambda: len(otlp_receiver.spans()) >= 3 and otlp_receiver.spans())}
    assert problem["traceId"] == f"00-{TRACE_ID}-{spans['POST /api/rank']['spanId']}-01"
    assert attributes(spans["POST /api/rank"])["http.response.status_code"] == 400
    assert spans["POST /api/rank"]["status"] == {}  # 4xx is the client's error, not the server's
    failed = spans["GET /boom"]
    assert failed["status"]["code"] == STATUS_ERROR
    assert attributes(failed)["http.response.status_code"] == 500
    assert failed["events"][0]["name"] == "exception"
    assert attributes(failed["events"][0])["exception.type"] == "ValueError"
    unknown = spans["GET"]  # unmatched routes are named by method only, never by raw path
    assert "http.route" not in attributes(unknown)


def test_no_export_without_endpoint():
    with client_for(settings_from({"OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"})) as client:
        assert client.app.state.telemetry.exporter == "none"
        assert client.app.state.telemetry.processor is None
        assert client.post("/api/rank", json=RANK).status_code == 200


def test_receiver_down_requests_stay_fast_and_spans_are_counted():
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with client_for(settings_from(otlp_env(endpoint))) as client:
        started = time.perf_counter()
        for _ in range(5):
            assert client.post("/api/rank", json=RANK).status_code == 200
        elapsed = time.perf_counter() - started
        telemetry = client.app.state.telemetry
        assert telemetry.force_flush(5.0)
        stats = telemetry.stats()
        metrics = client.get("/metrics").text
    assert elapsed < 1.0
    assert stats["failed"] == 5 and stats["exported"] == 0
    assert 'otlp_exporter_spans_total{outcome="failed"} 5.0' in metrics


def test_receiver_that_hangs_is_cut_off_by_the_timeout():
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(16)  # accepts connections (kernel backlog) but never answers
    try:
        endpoint = f"http://127.0.0.1:{hanging.getsockname()[1]}"
        settings = settings_from(otlp_env(endpoint, OTEL_EXPORTER_OTLP_TIMEOUT="300"))
        with client_for(settings) as client:
            started = time.perf_counter()
            assert client.post("/api/rank", json=RANK).status_code == 200
            assert time.perf_counter() - started < 0.5
            assert client.app.state.telemetry.force_flush(5.0)
            assert client.app.state.telemetry.stats()["failed"] == 1
    finally:
        hanging.close()


def test_spans_are_exported_on_the_schedule_without_flush(otlp_receiver):
    settings = settings_from(otlp_env(otlp_receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY="50"))
    with client_for(settings) as client:
        client.get("/docs")
        wait_for(otlp_receiver.spans, timeout=5.0, message="(span not exported on schedule)")
    assert otlp_receiver.spans()[0]["name"] == "GET /docs"


def test_shutdown_flushes_pending_spans(otlp_receiver):
    with client_for(settings_from(otlp_env(otlp_receiver.endpoint))) as client:
        client.get("/docs")
        assert otlp_receiver.spans() == []  # 60 s schedule: nothing sent yet
    # Leaving the client ran the shutdown event, which flushed synchronously.
    assert [s["name"] for s in otlp_receiver.spans()] == ["GET /docs"]


def test_gzip_compression(otlp_receiver):
    settings = settings_from(otlp_env(otlp_receiver.endpoint, OTEL_EXPORTER_OTLP_COMPRESSION="gzip"))
    with client_for(settings) as client:
        client.get("/docs")
        client.app.state.telemetry.force_flush(5.0)
    assert otlp_receiver.requests[0]["headers"]["content-encoding"] == "gzip"
    assert otlp_receiver.spans()[0]["name"] == "GET /docs"


# --------------------------------------------------------------------------------------- batch processor details
class BlockingExporter:
    def __init__(self):
        self.entered = threading.Event()
        self.release = threading.Event()
        self.batches = []

    def export(self, spans, timeout=None):
        self.entered.set()
        self.release.wait(5)
        self.batches.append(list(spans))
        return True

    def shutdown(self):
        pass


def test_full_queue_drops_and_counts_spans_without_blocking():
    exporter = BlockingExporter()
    processor = BatchSpanProcessor(exporter, schedule_delay=0.01, max_queue_size=2, max_export_batch_size=1)
    tracer = Tracer(processor)
    tracer.start_span("first").end()
    assert exporter.entered.wait(5)  # the worker is now stuck exporting "first"
    started = time.perf_counter()
    for name in ("a", "b", "c", "d"):
        tracer.start_span(name).end()
    assert time.perf_counter() - started < 0.1
    assert processor.stats.dropped == 2 and processor.queue_size == 2
    exporter.release.set()
    assert processor.force_flush(5)
    processor.shutdown(5)
    assert [s.name for batch in exporter.batches for s in batch] == ["first", "a", "b"]
    assert processor.stats.exported == 3
    tracer.start_span("late").end()
    assert processor.stats.dropped == 3  # after shutdown nothing is queued


def test_batches_respect_the_maximum_size():
    exporter = BlockingExporter()
    exporter.release.set()
    processor = BatchSpanProcessor(exporter, schedule_delay=60, max_queue_size=100, max_export_batch_size=4)
    tracer = Tracer(processor)
    for i in range(10):
        tracer.start_span(str(i)).end()
    assert processor.force_flush(5)
    processor.shutdown(5)
    assert all(len(batch) <= 4 for batch in exporter.batches)
    assert [s.name for batch in exporter.batches for s in batch] == [str(i) for i in range(10)]


def test_exporter_posts_the_otlp_json_document(otlp_receiver):
    exporter = OtlpJsonSpanExporter(otlp_receiver.endpoint + "/v1/traces", [("x-otlp-api-key", "k")], 2.0,
                                    {"service.name": "svc"})
    span = Tracer(None).start_span("op", parse_traceparent(TRACEPARENT), SPAN_KIND_SERVER, {"n": 1})
    span.set_status(STATUS_ERROR, "bad")
    span.end()
    assert exporter.export([span]) is True
    body = otlp_receiver.requests[0]["body"]
    assert body == encode_request([span], {"service.name": "svc"})
    exported = body["resourceSpans"][0]["scopeSpans"][0]["spans"][0]
    assert exported["status"] == {"code": 2, "message": "bad"}
    assert exported["parentSpanId"] == PARENT_ID


# -------------------------------------------------------------------------------------------- logs and Sentry
def test_log_records_carry_trace_and_span_ids(caplog, otlp_receiver):
    with client_for(settings_from(otlp_env(otlp_receiver.endpoint), log_level="DEBUG")) as client:
        with caplog.at_level(logging.DEBUG, logger="app"):
            client.post("/api/rank", json=RANK, headers={"traceparent": TRACEPARENT})
        client.app.state.telemetry.force_flush(5.0)
    span = next(s for s in otlp_receiver.spans() if s["name"] == "POST /api/rank")
    ranked = [r for r in caplog.records if r.getMessage().startswith("Ranked")]
    assert ranked, "the rank endpoint logs at DEBUG"
    assert ranked[0].trace_id == TRACE_ID and ranked[0].span_id == span["spanId"]
    # Outside a request: all-zero ids, and any record has the attributes (format strings never fail).
    record = logging.getLogger("elsewhere").makeRecord("elsewhere", logging.INFO, __file__, 1, "m", (), None)
    assert record.trace_id == "0" * 32 and record.span_id == "0" * 16


def test_sentry_events_are_tagged_with_the_trace():
    span = Tracer(None).start_span("op", parse_traceparent(TRACEPARENT))
    token = current_span.set(span)
    try:
        assert current_ids() == (TRACE_ID, span.context.span_id)
        event = add_trace_tags({"tags": {"existing": "1"}})
    finally:
        current_span.reset(token)
    assert event["tags"] == {"existing": "1", "trace_id": TRACE_ID, "span_id": span.context.span_id}
    assert add_trace_tags({}) == {}  # outside a request: untouched


def test_sentry_is_initialised_only_with_a_dsn():
    calls = []
    assert init_sentry(settings_from(), init=lambda **kw: calls.append(kw)) is False
    assert calls == []
    settings = settings_from({"SENTRY_DSN": "https://key@sentry.example/1", "APP_ENVIRONMENT": "Staging",
                              "APP_VERSION": "9.9.9"})
    assert init_sentry(settings, init=lambda **kw: calls.append(kw)) is True
    assert calls[0]["dsn"] == "https://key@sentry.example/1"
    assert calls[0]["environment"] == "Staging"
    assert calls[0]["release"] == "python-backend@9.9.9"
    assert calls[0]["before_send"] is add_trace_tags
    assert calls[0]["send_default_pii"] is False and calls[0]["with_locals"] is False
    assert calls[0]["auto_enabling_integrations"] is False  # no Sentry scope and transaction around every request
    assert "key@sentry" not in repr(settings)  # the DSN is a secret: not in the settings' repr


# ------------------------------------------------------------------------------------------ backend selection
@pytest.mark.parametrize("protocol, sdk, expected", [
    ("http/json", False, "otlp-http-json"),
    ("http/json", True, "otlp-http-json"),  # the Python SDK has no JSON encoding: always the built-in exporter
    ("http/protobuf", False, "otlp-http-json"),  # OTLP/HTTP receivers take JSON on the same path
    ("grpc", False, "none"),  # gRPC needs the SDK: no export rather than a wrong wire format
    ("http/protobuf", True, "opentelemetry-sdk"),
    ("grpc", True, "opentelemetry-sdk"),
])
def test_backend_selection(monkeypatch, protocol, sdk, expected):
    import app.telemetry as telemetry_module

    class FakeSdkBackend:
        name = "opentelemetry-sdk"

        def __init__(self, otlp, resource):
            self.resource = resource

    monkeypatch.setattr(telemetry_module, "sdk_available", lambda _protocol: sdk)
    monkeypatch.setattr(telemetry_module, "SdkBackend", FakeSdkBackend)
    settings = settings_from(otlp_env("http://127.0.0.1:4318", OTEL_EXPORTER_OTLP_PROTOCOL=protocol))
    telemetry = telemetry_module.Telemetry.from_settings(settings)
    assert telemetry.exporter == expected
    if expected == "opentelemetry-sdk":  # the SDK reports its own telemetry.sdk.* attributes
        assert not any(k.startswith("telemetry.sdk.") for k in telemetry.backend.resource)
    telemetry.shutdown(1)


def test_sdk_failure_falls_back_to_the_builtin_exporter(monkeypatch):
    import app.telemetry as telemetry_module

    def broken(*args):
        raise RuntimeError("incompatible SDK")

    monkeypatch.setattr(telemetry_module, "sdk_available", lambda _protocol: True)
    monkeypatch.setattr(telemetry_module, "SdkBackend", broken)
    settings = settings_from(otlp_env("http://127.0.0.1:4318", OTEL_EXPORTER_OTLP_PROTOCOL="http/protobuf"))
    assert telemetry_module.Telemetry.from_settings(settings).exporter == "otlp-http-json"


def test_sdk_probe_never_raises():
    from app.telemetry.sdk import sdk_available

    assert sdk_available("http/protobuf") in (True, False)  # probing never raises
