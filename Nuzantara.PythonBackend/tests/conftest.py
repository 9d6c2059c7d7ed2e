"""Shared fixtures: app clients built from explicit settings, an in-process OTLP receiver, polling helpers.

Run from the repository root with ``/usr/bin/python3 -m pytest Nuzantara.PythonBackend/tests -q``, or with ``pytest
tests`` from the project folder: either way pytest.ini there is the configuration, and it puts the folder on
``sys.path`` (``pythonpath = .``), so ``app`` imports without building anything (``app.main`` only defines
``create_app``).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

API_KEY = "test-api-key-123"


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.01, message: str = "") -> Any:
    """Polls ``predicate`` until it returns something truthy; fails the test at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"condition not met within {timeout}s {message}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_from(env: Optional[Dict[str, str]] = None, **overrides: Any) -> Settings:
    """Settings as the service would read them from ``env`` (and nothing from the real environment)."""
    return replace(Settings.from_env(env or {}), **overrides)


@contextmanager
def client_for(settings: Optional[Settings] = None, app: Optional[FastAPI] = None) -> Iterator[TestClient]:
    """A TestClient running the app's startup and shutdown events (shutdown flushes telemetry)."""
    app = app or create_app(settings or settings_from())
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client() -> Iterator[TestClient]:
    with client_for() as c:
        yield c


class OtlpReceiver:
    """A tiny OTLP/HTTP receiver: records every POST (path, headers, decoded JSON body)."""

    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.headers.get("Content-Encoding") == "gzip":
                    import gzip

                    raw = gzip.decompress(raw)
                with receiver._lock:
                    receiver.requests.append({"path": self.path,
                                              "headers": {k.lower(): v for k, v in self.headers.items()},
                                              "body": json.loads(raw.decode("utf-8"))})
                payload = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="otlp-receiver", daemon=True)
        self._thread.start()

    def spans(self) -> List[Dict[str, Any]]:
        with self._lock:
            return [span for request in self.requests for rs in request["body"]["resourceSpans"]
                    for ss in rs["scopeSpans"] for span in ss["spans"]]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def otlp_receiver() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver()
    try:
        yield receiver
    finally:
        receiver.close()


def otlp_env(endpoint: str, **extra: str) -> Dict[str, str]:
    """The OTEL_* variables as the AppHost sets them for this service (long delay: tests flush explicitly)."""
    env = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        "OTEL_EXPORTER_OTLP_HEADERS": f"x-otlp-api-key={API_KEY}",
        "OTEL_SERVICE_NAME": "python-backend",
        "OTEL_RESOURCE_ATTRIBUTES": "service.instance.id=python-backend-abc123",
        "OTEL_BSP_SCHEDULE_DELAY": "60000",
        "OTEL_TRACES_SAMPLER": "always_on",
    }
    env.update(extra)
    return env
