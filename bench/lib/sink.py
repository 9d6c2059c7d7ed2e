#!/usr/bin/env python3
"""A local stand-in for the telemetry back ends: accepts OTLP/HTTP (traces, metrics, logs) and Sentry envelopes.

Every POST is read to the end and answered 200 with an empty body, which is a valid OTLP/HTTP protobuf response and
an accepted Sentry envelope. The instrumented services then do all their export work (batch, serialise, send) without
a real collector's cost landing on the measured core. Usage: sink.py PORT.
"""
import http.server
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a collector would: exporters reuse their connection

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
