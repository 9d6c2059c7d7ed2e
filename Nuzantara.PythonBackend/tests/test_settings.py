"""The service's settings read from the environment: defaults, the AppHost's variables, errors naming the variable."""

from __future__ import annotations

import pytest

from app.env_reader import SettingsError
from app.redis_settings import RedisSettings
from app.settings import Settings


def test_defaults():
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.environment == "Production" and settings.version == "1.0.0" and settings.log_level == "INFO"
    assert (settings.k1, settings.b) == (1.5, 0.75)
    assert settings.title_weight > settings.body_weight
    assert settings.max_documents == 1000
    assert settings.max_document_bytes == 64 * 1024
    assert settings.max_body_bytes == 10 * 1024 * 1024
    assert settings.redis is None and settings.sentry_dsn is None
    assert settings.otlp.traces_endpoint is None and not settings.otlp.export_enabled


def test_apphost_environment():
    env = {
        "PORT": "18123", "HOST": "0.0.0.0", "APP_ENVIRONMENT": "Development",
        "ConnectionStrings__redis": "localhost:6380,password=p@ss=word,abortConnect=False",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318/",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        "OTEL_EXPORTER_OTLP_HEADERS": "x-otlp-api-key=abc,other=a%20b",
        "SENTRY_DSN": "https://key@sentry.example/1",
    }
    settings = Settings.from_env(env)
    assert (settings.host, settings.port, settings.environment) == ("0.0.0.0", 18123, "Development")
    assert settings.redis == RedisSettings("localhost", 6380, "p@ss=word")
    assert settings.otlp.traces_endpoint == "http://127.0.0.1:4318/v1/traces" and settings.otlp.export_enabled
    # Secrets stay out of repr (and so out of any log line printing the settings).
    text = repr(settings)
    assert "p@ss" not in text and "abc" not in text and "key@sentry" not in text


@pytest.mark.parametrize("env, expected", [
    ({"APP_ENVIRONMENT": "Staging", "ENVIRONMENT": "Test", "ASPNETCORE_ENVIRONMENT": "Development",
      "DOTNET_ENVIRONMENT": "Other"}, "Staging"),
    ({"ENVIRONMENT": "Test", "ASPNETCORE_ENVIRONMENT": "Development", "DOTNET_ENVIRONMENT": "Other"}, "Test"),
    ({"ASPNETCORE_ENVIRONMENT": "Development", "DOTNET_ENVIRONMENT": "Other"}, "Development"),
    ({"DOTNET_ENVIRONMENT": "Other"}, "Other"),
    ({"APP_ENVIRONMENT": "", "ENVIRONMENT": "Test"}, "Test"),  # an empty variable counts as unset
    ({}, "Production"),
])
def test_environment_name_is_the_first_variable_set_in_the_alias_chain(env, expected):
    assert Settings.from_env(env).environment == expected


def test_version_alias_chain():
    assert Settings.from_env({"APP_VERSION": "2.0.0", "SERVICE_VERSION": "3.0.0"}).version == "2.0.0"
    assert Settings.from_env({"SERVICE_VERSION": "3.0.0"}).version == "3.0.0"


@pytest.mark.parametrize("env, name", [
    ({"PORT": "eighty"}, "PORT"),
    ({"PORT": "70000"}, "PORT"),
    ({"RANK_MAX_DOCUMENTS": "-1"}, "RANK_MAX_DOCUMENTS"),
    ({"RANK_B": "2"}, "RANK_B"),
    ({"MAX_REQUEST_BODY_BYTES": "nan"}, "MAX_REQUEST_BODY_BYTES"),
    ({"RANK_K1": "inf"}, "RANK_K1"),
    ({"ConnectionStrings__redis": "password=x"}, "ConnectionStrings__redis"),
    ({"REDIS_URL": "redis://cache:port/0"}, "REDIS_URL"),
    ({"Nuzantara__Telemetry__Enabled": "no"}, "Nuzantara__Telemetry__Enabled"),
])
def test_invalid_values_name_the_variable(env, name):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env)


@pytest.mark.parametrize("value, expected",
                         [(None, True), ("", True), ("true", True), ("False", False), (" false ", False)])
def test_telemetry_switch_reads_the_dotnet_services_variable(value, expected):
    env = {} if value is None else {"Nuzantara__Telemetry__Enabled": value}
    assert Settings.from_env(env).telemetry_enabled is expected
