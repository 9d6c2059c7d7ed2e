"""The real launch: uvicorn in a subprocess, as the AppHost starts it; SIGTERM drains in-flight work and flushes spans.

Each test starts its own server on a free ephemeral port and stops it (SIGTERM, then kill on timeout) before it ends.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from typing import List

import pytest

from conftest import API_KEY, PROJECT_DIR, free_port, otlp_env, wait_for

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
PARENT_ID = "b7ad6b7169203331"
RANK = {"query": "redis", "documents": [{"id": "a", "title": "Redis", "body": "cache"}, {"id": "b", "body": "x"}]}


def uvicorn_args(port: int) -> List[str]:
    """The AppHost's command line: AddUvicornApp(…, "app.main:create_app", …).WithArgs("--factory")."""
    return ["-m", "uvicorn", "app.main:create_app", "--host", "127.0.0.1", "--port", str(port), "--factory"]


def child_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OTEL_", "ConnectionStrings__", "SENTRY_", "RANK_", "MAX_REQUEST"))}
    env.update(extra)
    return env


def answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=0.5) as response:
            return response.status == 200
    except OSError:
        return False


def refusing(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return False
    except OSError:
        return True


@contextmanager
def server(args, port: int, **env: str):
    process = subprocess.Popen([sys.executable, *args], cwd=PROJECT_DIR, env=child_env(**env),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: answering(port) or process.poll() is not None, timeout=20, message="(server start)")
        assert process.poll() is None, process.communicate()[0]
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def post_rank(port: int, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/rank", data=json.dumps(RANK).encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_uvicorn_launch_sigterm_drains_and_flushes_spans(otlp_receiver):
    port = free_port()
    with server(uvicorn_args(port), port, PORT=str(port), **otlp_env(otlp_receiver.endpoint)) as process:
        status, body = post_rank(port, {"traceparent": f"00-{TRACE_ID}-{PARENT_ID}-01"})
        assert status == 200 and body["results"][0]["id"] == "a"

        # A request still uploading its body when SIGTERM arrives is served to the end.
        payload = json.dumps(RANK).encode()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("POST", "/api/rank")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(payload)))
        connection.endheaders()
        connection.send(payload[:10])
        assert otlp_receiver.spans() == []  # 60 s schedule: nothing exported yet
        process.send_signal(signal.SIGTERM)
        wait_for(lambda: refusing(port), timeout=10, message="(server did not stop listening)")
        connection.send(payload[10:])
        response = connection.getresponse()
        assert response.status == 200 and json.loads(response.read())["count"] == 2
        connection.close()

        assert process.wait(15) == 0
        output = process.stdout.read()

    # The shutdown event flushed the spans the 60 s schedule had not sent yet.
    spans = otlp_receiver.spans()
    assert [s["name"] for s in spans].count("POST /api/rank") == 2
    continued = next(s for s in spans if s["traceId"] == TRACE_ID)
    assert continued["parentSpanId"] == PARENT_ID
    assert all(r["headers"]["x-otlp-api-key"] == API_KEY for r in otlp_receiver.requests)
    assert "telemetry flushed" in output
    assert f'"POST /api/rank HTTP/1.1" 200 OK trace_id={TRACE_ID}' in output  # uvicorn's access line
    assert "Traceback" not in output


def test_python_dash_m_app_uses_host_and_port_from_the_environment():
    port = free_port()
    with server(["-m", "app"], port, HOST="127.0.0.1", PORT=str(port)) as process:
        assert post_rank(port)[0] == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0


def test_chunked_upload_over_the_limit_gets_413_over_real_http():
    port = free_port()
    with server(uvicorn_args(port), port, MAX_REQUEST_BODY_BYTES="1000"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        chunks = (b'{"query": "x", "documents": [], "pad": "' + b"p" * 500 for _ in range(4))
        connection.request("POST", "/api/rank", body=chunks, headers={"Content-Type": "application/json"},
                           encode_chunked=True)
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
    assert response.status == 413
    assert response.getheader("Content-Type") == "application/problem+json"
    assert body["limit"] == 1000 and body["limitName"] == "MAX_REQUEST_BODY_BYTES"


def test_importing_the_app_module_builds_nothing():
    """No app, logging or Sentry at import: a bad environment only fails when an app is built."""
    result = subprocess.run([sys.executable, "-c", "import app.main"], cwd=PROJECT_DIR,
                            env=child_env(PORT="abc", SENTRY_DSN="not a dsn"), capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("bad", ["PORT=abc", "RANK_B=2"])
def test_bad_configuration_fails_fast_with_the_variable_name(bad):
    name, value = bad.split("=")
    result = subprocess.run([sys.executable, *uvicorn_args(free_port())], cwd=PROJECT_DIR,
                            env=child_env(**{name: value}), capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "SettingsError" in result.stderr and name in result.stderr


SENTRY_CHILD = """
import sentry_sdk
from fastapi.testclient import TestClient
from app.main import create_app

app = create_app()

@app.get("/boom")
async def boom():
    raise RuntimeError("kaput")

with TestClient(app) as client:
    assert client.get("/boom", headers={"traceparent": "00-%s-%s-01"}).status_code == 500
assert sentry_sdk.flush(5) is None
"""


def test_sentry_event_is_tagged_with_the_request_trace(tmp_path):
    """Sentry in a child process (its init patches FastAPI globally), reporting to an in-test HTTP receiver."""
    import gzip
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append(gzip.decompress(raw) if self.headers.get("Content-Encoding") == "gzip" else raw)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        script = tmp_path / "sentry_child.py"
        script.write_text(SENTRY_CHILD % (TRACE_ID, PARENT_ID))
        dsn = f"http://publickey@127.0.0.1:{receiver.server_address[1]}/1"
        result = subprocess.run([sys.executable, str(script)], cwd=PROJECT_DIR, capture_output=True, text=True,
                                timeout=60, env=child_env(SENTRY_DSN=dsn, PYTHONPATH=PROJECT_DIR))
        assert result.returncode == 0, result.stderr
    finally:
        receiver.shutdown()
        receiver.server_close()
    events = []
    for body in received:  # /store/ posts one JSON event, /envelope/ posts JSON lines
        for line in body.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and "exception" in item:
                events.append(item)
    assert len(events) == 1, received  # the log line and the explicit capture are de-duplicated
    event = events[0]
    assert event["tags"]["trace_id"] == TRACE_ID
    assert event["environment"] == "Production" and event["release"] == "python-backend@1.0.0"
    assert all(b'"vars"' not in body for body in received)  # no frame locals (headers, documents)
