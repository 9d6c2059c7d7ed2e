"""Aspire dashboard stand-in: takes OTLP on the dashboard's ports and answers GET /received (on the UI port, 18888)
with how many exports arrived per protocol, signal and service, so a test can see the services' telemetry arrive."""
import json
import re
import threading
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc

received = {}
lock = threading.Lock()


# The resource's service.name in either encoding: OTLP/JSON ("stringValue":"…"), or protobuf, where the key is followed
# by four bytes of field tags and lengths.
SERVICE_NAME = re.compile(rb'service\.name(?:"\s*,\s*"value"\s*:\s*\{\s*"stringValue"\s*:\s*"|[\x00-\x7f]{4})([A-Za-z0-9._-]+)')


def count(protocol, signal, body):
    """Counts an export as "<protocol> <signal> <service>": "grpc traces backend", "http metrics python-backend"."""
    match = SERVICE_NAME.search(body)
    service = match.group(1).decode() if match else "?"
    key = f"{protocol} {signal} {service}"
    with lock:
        received[key] = received.get(key, 0) + 1


class OtlpGrpc(grpc.GenericRpcHandler):
    """Every Export of opentelemetry.proto.collector.*.v1.*Service; an empty message is a valid Export*Response."""

    def service(self, handler_call_details):
        method = handler_call_details.method  # /opentelemetry.proto.collector.trace.v1.TraceService/Export
        parts = method.split(".")
        signal = {"trace": "traces"}.get(parts[3], parts[3]) if len(parts) > 3 else method

        def export(request, context):
            count("grpc", signal, request)
            return b""

        return grpc.unary_unary_rpc_method_handler(export)


class Http(BaseHTTPRequestHandler):
    def do_POST(self):  # OTLP/HTTP: /v1/traces, /v1/metrics, /v1/logs
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        count("http", self.path.rsplit("/", 1)[-1], body)
        reply = b"{}" if "json" in (self.headers.get("Content-Type") or "") else b""
        self.send_response(200)
        self.send_header("Content-Type", self.headers.get("Content-Type") or "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def do_GET(self):
        if self.path == "/received":
            with lock:
                reply = json.dumps(received).encode()
            content_type = "application/json"
        else:
            reply = b"Aspire dashboard stand-in (tests/Nuzantara.AppHost.Tests/Compose/dashboard-stand-in)\n"
            content_type = "text/plain"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=[OtlpGrpc()])
server.add_insecure_port("0.0.0.0:18889")
server.start()
for port in (18888, 18890):
    threading.Thread(target=ThreadingHTTPServer(("0.0.0.0", port), Http).serve_forever, daemon=True).start()
print("aspire-dashboard stand-in: UI 18888, OTLP/gRPC 18889, OTLP/HTTP 18890", flush=True)
server.wait_for_termination()
