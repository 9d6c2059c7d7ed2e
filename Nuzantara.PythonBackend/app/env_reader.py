"""Typed reads of environment variables, shared by the settings of each concern (service, Redis cache).

A value that cannot be used raises ``SettingsError`` naming the variable, so a bad value fails the start-up with a
message that says what to fix.
"""

from __future__ import annotations

import math
from typing import Mapping, Optional, TypeVar

Number = TypeVar("Number", int, float)


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


class EnvReader:
    def __init__(self, env: Mapping[str, str]):
        self.env = env

    def text(self, *names: str, default: str) -> str:
        """The first of ``names`` that is set to a non-empty value, else ``default`` (an alias chain)."""
        for name in names:
            value = self.env.get(name)
            if value:
                return value
        return default

    def integer(self, name: str, default: int, minimum: Optional[int] = None, maximum: Optional[int] = None) -> int:
        raw = self.env.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
        return _bounded(name, value, minimum, maximum)

    def boolean(self, name: str, default: bool) -> bool:
        """``true`` or ``false`` in any case, as .NET's configuration binder reads them."""
        raw = self.env.get(name)
        if raw is None or raw.strip() == "":
            return default
        value = raw.strip().lower()
        if value not in ("true", "false"):
            raise SettingsError(f"{name} must be true or false, got {raw!r}")
        return value == "true"

    def number(self, name: str, default: float, minimum: Optional[float] = None,
               maximum: Optional[float] = None) -> float:
        raw = self.env.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = float(raw.strip())
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
        if not math.isfinite(value):
            raise SettingsError(f"{name} must be finite, got {raw!r}")
        return _bounded(name, value, minimum, maximum)


def _bounded(name: str, value: Number, minimum: Optional[Number], maximum: Optional[Number]) -> Number:
    if minimum is not None and value < minimum:
        raise SettingsError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise SettingsError(f"{name} must be <= {maximum}, got {value}")
    return value
