"""OTLP/HTTP JSON span exporter and a batching span processor, standard library only.

Why not the OpenTelemetry SDK: it cannot be installed where this service runs (no package index; Debian does not
package it), and its Python exporters only speak protobuf, while the AppHost asks Python services for ``http/json``.

Design, mirroring the SDK's ``BatchSpanProcessor`` so telemetry can never slow down or break a request:

* ``on_end`` (called on the request path) only appends to a bounded in-memory queue (``OTEL_BSP_MAX_QUEUE_SIZE``,
  2048). A full queue drops the span and counts it; nothing on the request path blocks or does I/O.
* One daemon thread, started lazily on the first span, exports every ``OTEL_BSP_SCHEDULE_DELAY`` ms (5000), or as
  soon as a full batch (``OTEL_BSP_MAX_EXPORT_BATCH_SIZE``, 512) is waiting, in batches of at most that size.
* Each export is one ``POST {endpoint}/v1/traces`` with a short timeout (``OTEL_EXPORTER_OTLP_TIMEOUT``, 3 s here).
  A failed batch (receiver down, timeout, non-2xx) is dropped and counted, not retried: a collector that is down
  must not make the service hold memory or threads.
* ``force_flush`` exports what is queued and waits (bounded); ``shutdown`` flushes and stops the thread. Both are
  what the FastAPI shutdown event and the tests call.
"""

from __future__ import annotations

import base64
import gzip
import ipaddress
import json
import logging
import math
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from app import __version__
from app.telemetry.tracing import STATUS_UNSET, Span

log = logging.getLogger(__name__)

SCOPE_NAME = "nuzantara.python-backend"


# --------------------------------------------------------------------------------------------------------- encoding
def encode_value(value: Any) -> Dict[str, Any]:
    """An OTLP ``AnyValue`` in the protobuf JSON mapping (64-bit ints as strings, bytes as base64)."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"doubleValue": "NaN"}
        if math.isinf(value):
            return {"doubleValue": "Infinity" if value > 0 else "-Infinity"}
        return {"doubleValue": value}
    if isinstance(value, (bytes, bytearray)):
        return {"bytesValue": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return {"arrayValue": {"values": [encode_value(v) for v in value]}}
    return {"stringValue": str(value)}


def encode_attributes(attributes: Mapping[str, Any]) -> List[Dict[str, Any]]:
    return [{"key": key, "value": encode_value(value)} for key, value in attributes.items()]


def encode_span(span: Span) -> Dict[str, Any]:
    encoded: Dict[str, Any] = {
        "traceId": span.context.trace_id,
        "spanId": span.context.span_id,
        "name": span.name,
        "kind": span.kind,
        "startTimeUnixNano": str(span.start_ns),
        "endTimeUnixNano": str(span.end_ns if span.end_ns is not None else span.start_ns),
        "attributes": encode_attributes(span.attributes),
        "status": {} if span.status_code == STATUS_UNSET else (
            {"code": span.status_code, "message": span.status_message} if span.status_message
            else {"code": span.status_code}),
    }
    if span.parent_span_id:
        encoded["parentSpanId"] = span.parent_span_id
    if span.context.trace_state:
        encoded["traceState"] = span.context.trace_state
    if span.events:
        encoded["events"] = [{"timeUnixNano": str(e["time_ns"]), "name": e["name"],
                              "attributes": encode_attributes(e["attributes"])} for e in span.events]
    return encoded


def encode_request(spans: Sequence[Span], resource: Mapping[str, Any]) -> Dict[str, Any]:
    """An ``ExportTraceServiceRequest``: one resource, one instrumentation scope."""
    return {"resourceSpans": [{
        "resource": {"attributes": encode_attributes(resource)},
        "scopeSpans": [{
            "scope": {"name": SCOPE_NAME, "version": __version__},
            "spans": [encode_span(s) for s in spans],
        }],
    }]}


# --------------------------------------------------------------------------------------------------------- exporter
class OtlpJsonSpanExporter:
    """POSTs OTLP/JSON to ``endpoint`` (the full ``…/v1/traces`` URL). ``export`` never raises."""

    def __init__(self, endpoint: str, headers: Iterable[Tuple[str, str]] = (), timeout: float = 3.0,
                 resource: Optional[Mapping[str, Any]] = None, compression: Optional[str] = None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.resource = dict(resource or {})
        self.compression = compression
        self._headers = {"Content-Type": "application/json", "User-Agent": f"nuzantara-otlp-json/{__version__}"}
        self._headers.update(dict(headers))
        if compression == "gzip":
            self._headers["Content-Encoding"] = "gzip"
        host = urlsplit(endpoint).hostname or ""
        # A collector on this machine must not be reached through an HTTP(S)_PROXY from the environment.
        self._opener = (urllib.request.build_opener(urllib.request.ProxyHandler({})) if _is_loopback(host)
                        else urllib.request.build_opener())
        self._last_error_log = 0.0

    def export(self, spans: Sequence[Span], timeout: Optional[float] = None) -> bool:
        if not spans:
            return True
        try:
            body = json.dumps(encode_request(spans, self.resource), separators=(",", ":"),
                              ensure_ascii=False).encode("utf-8")
            if self.compression == "gzip":
                body = gzip.compress(body)
            request = urllib.request.Request(self.endpoint, data=body, headers=self._headers, method="POST")
            with self._opener.open(request, timeout=min(timeout or self.timeout, self.timeout)) as response:
                response.read()
                ok = 200 <= response.status < 300
            if not ok:
                self._log_failure(f"HTTP {response.status}", len(spans))
            return ok
        except urllib.error.HTTPError as error:
            self._log_failure(f"HTTP {error.code}", len(spans))
        except Exception as error:  # URLError, timeouts, encoding problems: the span is lost, the app is not
            self._log_failure(type(error).__name__ + (f": {error.reason}" if hasattr(error, "reason") else ""),
                              len(spans))
        return False

    def shutdown(self) -> None:
        pass

    def _log_failure(self, reason: str, count: int) -> None:
        # At most one warning a minute: a collector that is down must not flood the logs either.
        now = time.monotonic()
        if now - self._last_error_log >= 60 or self._last_error_log == 0.0:
            self._last_error_log = now
            log.warning("OTLP export of %d span(s) to %s failed (%s); dropping them", count, self.endpoint, reason)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -------------------------------------------------------------------------------------------------------- processor
@dataclass
class ExportStats:
    exported: int = 0  # spans the receiver accepted
    dropped: int = 0  # spans discarded because the queue was full (or arrived after shutdown)
    failed: int = 0  # spans lost because their export failed (receiver down, timeout, non-2xx)
    batches: int = 0  # export attempts
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **deltas: int) -> None:
        with self._lock:
            for name, delta in deltas.items():
                setattr(self, name, getattr(self, name) + delta)

    def snapshot(self) -> Dict[str, int]:
        with self._lock:
            return {"exported": self.exported, "dropped": self.dropped, "failed": self.failed, "batches": self.batches}


class BatchSpanProcessor:
    def __init__(self, exporter: Any, schedule_delay: float = 5.0, max_queue_size: int = 2048,
                 max_export_batch_size: int = 512, export_timeout: float = 30.0):
        self.exporter = exporter
        self.schedule_delay = max(schedule_delay, 0.0)
        self.max_queue_size = max(max_queue_size, 1)
        self.max_export_batch_size = max(1, min(max_export_batch_size, self.max_queue_size))
        self.export_timeout = export_timeout
        self.stats = ExportStats()
        self._queue: Deque[Span] = deque()
        self._condition = threading.Condition()
        self._flush_requests: List[threading.Event] = []
        self._thread: Optional[threading.Thread] = None
        self._shutdown = False

    @property
    def queue_size(self) -> int:
        return len(self._queue)

    # Request path: O(1), no I/O, never blocks for longer than the queue's lock.
    def on_end(self, span: Span) -> None:
        with self._condition:
            if self._shutdown or len(self._queue) >= self.max_queue_size:
                self.stats.add(dropped=1)
                return
            self._queue.append(span)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="otlp-span-exporter", daemon=True)
                self._thread.start()
            if len(self._queue) >= self.max_export_batch_size:
                self._condition.notify()

    def force_flush(self, timeout: float = 5.0) -> bool:
        """Exports everything queued so far; False if that did not finish within ``timeout`` seconds."""
        with self._condition:
            if self._thread is None or not self._thread.is_alive():
                return not self._queue
            done = threading.Event()
            self._flush_requests.append(done)
            self._condition.notify()
        return done.wait(timeout)

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._condition:
            if self._shutdown:
                return
            self._shutdown = True
            self._condition.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        self.exporter.shutdown()

    def _run(self) -> None:
        while True:
            with self._condition:
                deadline = time.monotonic() + self.schedule_delay
                while not (self._shutdown or self._flush_requests
                           or len(self._queue) >= self.max_export_batch_size):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._condition.wait(remaining)
                flushes, self._flush_requests = self._flush_requests, []
                stopping = self._shutdown
            self._export_queued()
            for done in flushes:
                done.set()
            if stopping:
                return

    def _export_queued(self) -> None:
        while True:
            with self._condition:
                batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_export_batch_size))]
            if not batch:
                return
            try:
                ok = self.exporter.export(batch, timeout=self.export_timeout)
            except Exception:  # a faulty exporter must not kill the thread
                log.exception("Span exporter raised")
                ok = False
            self.stats.add(batches=1, **({"exported": len(batch)} if ok else {"failed": len(batch)}))
