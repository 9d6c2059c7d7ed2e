"""Settings read from the environment: defaults, Aspire's formats, OTEL_* variables, errors naming the variable."""

from __future__ import annotations

import pytest

from app.settings import RedisSettings, Settings, SettingsError, parse_key_values


def test_defaults():
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert (settings.k1, settings.b) == (1.5, 0.75)
    assert settings.title_weight > settings.body_weight
    assert settings.max_documents == 1000
    assert settings.max_document_bytes == 64 * 1024
    assert settings.max_body_bytes == 10 * 1024 * 1024
    assert settings.redis is None and settings.sentry_dsn is None
    assert settings.otlp.traces_endpoint is None and not settings.otlp.export_enabled
    assert settings.otlp.schedule_delay_seconds == 5.0
    assert settings.otlp.max_queue_size == 2048 and settings.otlp.max_export_batch_size == 512


def test_apphost_environment():
    env = {
        "PORT": "18123", "HOST": "0.0.0.0",
        "ConnectionStrings__redis": "localhost:6380,password=p@ss=word,abortConnect=False",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318/",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        "OTEL_EXPORTER_OTLP_HEADERS": "x-otlp-api-key=abc,other=a%20b",
        "OTEL_SERVICE_NAME": "python-backend",
        "OTEL_RESOURCE_ATTRIBUTES": "service.instance.id=python-backend-x1,service.name=ignored",
        "OTEL_BSP_SCHEDULE_DELAY": "1000",
        "OTEL_TRACES_SAMPLER": "always_on",
    }
    settings = Settings.from_env(env)
    assert (settings.host, settings.port) == ("0.0.0.0", 18123)
    assert settings.redis == RedisSettings("localhost", 6380, "p@ss=word")
    otlp = settings.otlp
    assert otlp.traces_endpoint == "http://127.0.0.1:4318/v1/traces"
    assert otlp.protocol == "http/json" and otlp.export_enabled
    assert otlp.headers == (("x-otlp-api-key", "abc"), ("other", "a b"))
    assert otlp.service_name == "python-backend"
    assert ("service.instance.id", "python-backend-x1") in otlp.resource_attributes
    assert otlp.schedule_delay_seconds == 1.0
    assert otlp.sampler == "always_on"
    # Secrets stay out of repr (and so out of any log line printing the settings).
    text = repr(settings)
    assert "p@ss" not in text and "abc" not in text


def test_signal_specific_endpoint_is_used_as_is():
    otlp = Settings.from_env({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector/custom",
                              "OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored"}).otlp
    assert otlp.traces_endpoint == "http://collector/custom"


def test_sdk_disabled():
    otlp = Settings.from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x", "OTEL_SDK_DISABLED": "true"}).otlp
    assert not otlp.export_enabled


def test_invalid_otel_values_fall_back_to_defaults():
    otlp = Settings.from_env({"OTEL_BSP_SCHEDULE_DELAY": "soon", "OTEL_BSP_MAX_QUEUE_SIZE": "-3"}).otlp
    assert otlp.schedule_delay_seconds == 5.0 and otlp.max_queue_size == 2048


@pytest.mark.parametrize("text, expected", [
    ("redis:6379", RedisSettings("redis", 6379)),
    ("127.0.0.1:6380,password=secret", RedisSettings("127.0.0.1", 6380, "secret")),
    ("host:1,password=pw,ssl=True,defaultDatabase=2", RedisSettings("host", 1, "pw", 2, True)),
    ("justhost", RedisSettings("justhost", 6379)),
    ("[::1]:7000", RedisSettings("::1", 7000)),
    ("redis://:pw%40x@cache:6390/3", RedisSettings("cache", 6390, "pw@x", 3)),
])
def test_redis_connection_strings(text, expected):
    assert RedisSettings.parse(text) == expected


@pytest.mark.parametrize("env, name", [
    ({"PORT": "eighty"}, "PORT"),
    ({"PORT": "70000"}, "PORT"),
    ({"RANK_MAX_DOCUMENTS": "-1"}, "RANK_MAX_DOCUMENTS"),
    ({"RANK_B": "2"}, "RANK_B"),
    ({"MAX_REQUEST_BODY_BYTES": "nan"}, "MAX_REQUEST_BODY_BYTES"),
    ({"RANK_K1": "inf"}, "RANK_K1"),
    ({"ConnectionStrings__redis": "password=x"}, "ConnectionStrings__redis"),
])
def test_invalid_values_name_the_variable(env, name):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env)


def test_parse_key_values_skips_malformed_items():
    assert parse_key_values("a=1,, broken ,b = 2 ,=x") == (("a", "1"), ("b", "2"))
    assert parse_key_values(None) == ()
