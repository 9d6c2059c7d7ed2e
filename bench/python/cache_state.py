#!/usr/bin/env python3
"""What the Python service's telemetry costs a rank request, as a function of how cold the caches are.

    /usr/bin/python3 bench/python/cache_state.py [--smoke]   (SWEEP_KB=0,1024,4096,16384 ROUNDS=6 REQUESTS=300 WARMUP=2000)

Serves the service live twice on CPU 0 (uvicorn; one plain, `Nuzantara__Telemetry__Enabled=false`, one with telemetry
on and `OTEL_TRACES_SAMPLER=always_off`, exporting to bench/lib/sink.py), with a real Redis, and sends both a request
shaped like the one the orchestrator sends on a search (`POST /api/rank`, 100 short documents, an unsampled
`traceparent`, a ranking cache hit) from CPU 1, taking turns request by request. Between two requests a helper on CPU 0 writes to every cache line of the first SWEEP_KB of a
buffer: what the orchestrator, the backend and the other stacks do to CPU 0's caches between two rank requests in
part 1. Each round measures every sweep size once, their order reversed every other round. The CPU per request is
read from each service's own scheduler clock (/proc/PID/task/*/schedstat), so the helper's work is not in it.
Prints, per sweep size, each process's median CPU per request and what traces off adds. bench/notes/instrumentation.md
has what it measured. Needs redis-server and two cores, like bench/run.sh. --smoke measures a few requests at two sizes,
to keep the script working (tests/Nuzantara.Bench.Tests), not to be read.
"""
import glob
import http.client
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from harness import LOAD_CPU, ROOT, SERVER_CPU, free_port  # noqa: E402  (bench/harness.py: part 1's cores and ports)

SERVICE = os.path.join(ROOT, "Nuzantara.PythonBackend")
BODY = json.dumps({"query": "observability", "limit": 10, "documents": [
    {"id": 1_000_000_000 + i, "title": f"Observability {i}", "body": f"What observability costs on request {i}"}
    for i in range(120, 20, -1)]}).encode()
# An unsampled parent, as the orchestrator with traces off sends it.
HEADERS = {"content-type": "application/json", "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"}
SWEEPER = """
import sys
buffer = bytearray(int(sys.argv[1]) * 1024)
for line in sys.stdin:
    for i in range(0, int(line) * 1024, 64):
        buffer[i] = (buffer[i] + 1) & 255
    sys.stdout.write("done\\n")
    sys.stdout.flush()
"""


def cpu_ns(pid):
    """The process's CPU time so far, all threads (the exporter's too)."""
    total = 0
    for stat in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(stat) as f:
                total += int(f.read().split()[0])
        except FileNotFoundError:  # a thread that ended between glob and open
            pass
    return total


class Service:
    def __init__(self, name, env, redis_port, sink_port, started):
        self.name, self.port = name, free_port()
        env = {**os.environ, "ConnectionStrings__redis": f"127.0.0.1:{redis_port}", "OTEL_SERVICE_NAME": "python-backend",
               "LOG_LEVEL": "WARNING", **env}
        if "OTEL_TRACES_SAMPLER" in env:
            # As part 1's variants: OTLP and Sentry both to the sink.
            env.update({"OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink_port}", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
                        "SENTRY_DSN": f"http://key@127.0.0.1:{sink_port}/1"})
        self.process = subprocess.Popen(["taskset", "-c", SERVER_CPU, "/usr/bin/python3", "-m", "uvicorn", "--factory", "app.main:create_app",
                                         "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log", "--log-level", "warning"],
                                        cwd=SERVICE, env=env)
        started.append(self.process)
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        for _ in range(2):  # once more on a connection uvicorn closed while the other service was warming up
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                self.connection.request(method, path, body, headers or {})
                response = self.connection.getresponse()
                response.read()
                return response.status
            except (OSError, http.client.HTTPException):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
        raise RuntimeError(f"{self.name}: {method} {path} failed twice")

    def wait_ready(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/health/ready") == 200:
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} was not ready in {seconds} s")

    def rank(self):
        status = self.request("POST", "/api/rank", BODY, HEADERS)
        if status != 200:
            raise RuntimeError(f"{self.name}: POST /api/rank answered {status}")


SETTINGS = {"SWEEP_KB": "0,1024,4096,16384", "ROUNDS": "6", "REQUESTS": "300", "WARMUP": "2000"}
SMOKE_SETTINGS = {"SWEEP_KB": "0,64", "ROUNDS": "1", "REQUESTS": "20", "WARMUP": "20"}


def main(argv):
    defaults = SMOKE_SETTINGS if argv[1:] == ["--smoke"] else SETTINGS
    setting = {key: os.environ.get(key, default) for key, default in defaults.items()}
    sweeps = [int(kb) for kb in setting["SWEEP_KB"].split(",")]
    rounds, requests, warmup = (int(setting[key]) for key in ("ROUNDS", "REQUESTS", "WARMUP"))
    os.sched_setaffinity(0, {int(LOAD_CPU)})
    started = []
    try:
        sink_port, redis_port = free_port(), free_port()
        started.append(subprocess.Popen(["taskset", "-c", LOAD_CPU, sys.executable, os.path.join(ROOT, "bench", "lib", "sink.py"), str(sink_port)]))
        started.append(subprocess.Popen(["taskset", "-c", LOAD_CPU, "redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no"], stdout=subprocess.DEVNULL))
        services = [Service("plain", {"Nuzantara__Telemetry__Enabled": "false"}, redis_port, sink_port, started),
                    Service("traces off", {"OTEL_TRACES_SAMPLER": "always_off"}, redis_port, sink_port, started)]
        sweeper = subprocess.Popen(["taskset", "-c", SERVER_CPU, sys.executable, "-c", SWEEPER, str(max(sweeps))],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        started.append(sweeper)
        for service in services:
            service.wait_ready()
            for _ in range(warmup):
                service.rank()

        cpu = {(kb, s.name): [] for kb in sweeps for s in services}
        for round_ in range(rounds):
            for kb in sweeps if round_ % 2 == 0 else sweeps[::-1]:
                before = {s.name: cpu_ns(s.process.pid) for s in services}
                for i in range(requests):
                    for service in services if i % 2 == 0 else services[::-1]:
                        service.rank()
                        sweeper.stdin.write(f"{kb}\n")
                        sweeper.stdin.flush()
                        sweeper.stdout.readline()
                for s in services:
                    cpu[(kb, s.name)].append((cpu_ns(s.process.pid) - before[s.name]) / requests / 1000)

        print(f"{rounds} rounds of {requests} rank requests per service, medians; CPU per request in µs")
        for kb in sweeps:
            plain, traced_off = (statistics.median(cpu[(kb, name)]) for name in ("plain", "traces off"))
            print(f"{kb:>6} KB written between requests: plain {plain:,.0f}, traces off {traced_off:,.0f} "
                  f"({traced_off - plain:+.0f} µs, {plain / traced_off:.1%} of plain kept)", flush=True)
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main(sys.argv)
