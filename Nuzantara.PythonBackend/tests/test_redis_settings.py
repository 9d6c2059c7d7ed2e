"""The Redis connection string: Aspire's (StackExchange.Redis) format and redis:// URLs."""

from __future__ import annotations

import pytest

from app.env_reader import SettingsError
from app.redis_settings import RedisSettings


@pytest.mark.parametrize("text, expected", [
    ("redis:6379", RedisSettings("redis", 6379)),
    ("127.0.0.1:6380,password=secret", RedisSettings("127.0.0.1", 6380, "secret")),
    ("host:1,password=pw,ssl=True,defaultDatabase=2", RedisSettings("host", 1, "pw", 2, True)),
    ("justhost", RedisSettings("justhost", 6379)),
    ("[::1]:7000", RedisSettings("::1", 7000)),
    ("redis://:pw%40x@cache:6390/3", RedisSettings("cache", 6390, "pw@x", 3)),
    ("rediss://cache", RedisSettings("cache", 6379, None, 0, True)),
])
def test_connection_strings(text, expected):
    assert RedisSettings.parse(text) == expected


def test_aspire_variable_wins_over_redis_url():
    env = {"ConnectionStrings__redis": "aspire:6379", "REDIS_URL": "redis://other:6379"}
    assert RedisSettings.from_env(env) == RedisSettings("aspire", 6379)
    assert RedisSettings.from_env({"REDIS_URL": "redis://other:6380"}) == RedisSettings("other", 6380)
    assert RedisSettings.from_env({"ConnectionStrings__redis": ""}) is None


@pytest.mark.parametrize("text", ["host:port", "host:1,defaultDatabase=x", "redis://host:port"])
def test_non_numeric_parts_name_the_variable(text):
    with pytest.raises(SettingsError, match="REDIS_URL"):
        RedisSettings.parse(text, "REDIS_URL")
