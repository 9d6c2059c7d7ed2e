"""The OTEL_* variables: the AppHost's values, the spec's precedence, invalid values falling back to defaults."""

from __future__ import annotations

from app.telemetry.config import OtlpSettings, parse_key_values


def test_defaults():
    otlp = OtlpSettings.from_env({})
    assert otlp.traces_endpoint is None and not otlp.export_enabled
    assert otlp.schedule_delay_seconds == 5.0
    assert otlp.max_queue_size == 2048 and otlp.max_export_batch_size == 512


def test_apphost_variables():
    otlp = OtlpSettings.from_env({
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318/",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        "OTEL_EXPORTER_OTLP_HEADERS": "x-otlp-api-key=abc,other=a%20b",
        "OTEL_SERVICE_NAME": "python-backend",
        "OTEL_RESOURCE_ATTRIBUTES": "service.instance.id=python-backend-x1,service.name=ignored",
        "OTEL_BSP_SCHEDULE_DELAY": "1000",
        "OTEL_TRACES_SAMPLER": "always_on",
    })
    assert otlp.traces_endpoint == "http://127.0.0.1:4318/v1/traces"
    assert otlp.protocol == "http/json" and otlp.export_enabled
    assert otlp.headers == (("x-otlp-api-key", "abc"), ("other", "a b"))
    assert otlp.service_name == "python-backend"
    assert ("service.instance.id", "python-backend-x1") in otlp.resource_attributes
    assert otlp.schedule_delay_seconds == 1.0
    assert otlp.sampler == "always_on"
    assert "abc" not in repr(otlp)  # headers carry the API key


def test_signal_specific_endpoint_is_used_as_is():
    otlp = OtlpSettings.from_env({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector/custom",
                                  "OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored"})
    assert otlp.traces_endpoint == "http://collector/custom"


def test_sdk_disabled():
    otlp = OtlpSettings.from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x", "OTEL_SDK_DISABLED": "true"})
    assert not otlp.export_enabled


def test_invalid_values_fall_back_to_defaults():
    otlp = OtlpSettings.from_env({"OTEL_BSP_SCHEDULE_DELAY": "soon", "OTEL_BSP_MAX_QUEUE_SIZE": "-3"})
    assert otlp.schedule_delay_seconds == 5.0 and otlp.max_queue_size == 2048


def test_parse_key_values_skips_malformed_items():
    assert parse_key_values("a=1,, broken ,b = 2 ,=x") == (("a", "1"), ("b", "2"))
    assert parse_key_values(None) == ()
