#!/usr/bin/env python3
"""What the Python service's telemetry costs a rank request, as a function of how cold the caches are.

    bench/lib/with-prerequisites.sh /usr/bin/python3 bench/python/cache_state.py [--smoke]
    (SWEEP_KB=0,1024,4096,16384 ROUNDS=6 REQUESTS=300 WARMUP=2000 to change the defaults)

Serves the service live twice on CPU 0 as part 1 starts it (uvicorn; plain, `Nuzantara__Telemetry__Enabled=false`,
and traces off, telemetry on with `OTEL_TRACES_SAMPLER=always_off`, exporting to bench/lib/sink.py), with part 1's
Redis and PostgreSQL, and sends both a request shaped like the one the orchestrator sends on a search
(`POST /api/rank`, 100 short documents, an unsampled `traceparent`, a ranking cache hit) from CPU 1, taking turns
request by request. Between two requests a helper on CPU 0 writes to every cache line of the first SWEEP_KB of a
buffer: what the orchestrator, the backend and the other stacks do to CPU 0's caches between two rank requests in
part 1. Each round measures every sweep size once, their order reversed every other round. The CPU per request is
read from a cgroup of each service's own (part 1's clock, harness.CpuClock), so the helper's work is not in it.
Prints, per sweep size, each process's median CPU per request and what traces off adds. bench/notes/instrumentation.md
has what it measured. bench/lib/with-prerequisites.sh installs what it needs, as for bench/run.sh. --smoke measures a few requests at two sizes,
to keep the script working (tests/Nuzantara.Bench.Tests), not to be read.
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402  (bench/harness.py: part 1's services, dependencies, cores and CPU clock)

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
VARIANTS = ("plain", "traces off")


class RankClient:
    """One keep-alive connection to a service, as the orchestrator keeps one."""

    def __init__(self, server):
        self.name, self.netloc, self.connection = server.bench_name, urllib.parse.urlsplit(server.base).netloc, None

    def rank(self):
        for _ in range(2):  # once more on a connection uvicorn closed while the other service was warming up
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.netloc, timeout=10)
                self.connection.request("POST", "/api/rank", BODY, HEADERS)
                response = self.connection.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{self.name}: POST /api/rank answered {response.status}")
                return
            except (OSError, http.client.HTTPException):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
        raise RuntimeError(f"{self.name}: POST /api/rank failed twice")


SETTINGS = {"SWEEP_KB": "0,1024,4096,16384", "ROUNDS": "6", "REQUESTS": "300", "WARMUP": "2000"}
SMOKE_SETTINGS = {"SWEEP_KB": "0,64", "ROUNDS": "1", "REQUESTS": "20", "WARMUP": "20"}


def main(argv):
    defaults = SMOKE_SETTINGS if argv[1:] == ["--smoke"] else SETTINGS
    setting = {key: os.environ.get(key, default) for key, default in defaults.items()}
    sweeps = [int(kb) for kb in setting["SWEEP_KB"].split(",")]
    rounds, requests, warmup = (int(setting[key]) for key in ("ROUNDS", "REQUESTS", "WARMUP"))
    os.sched_setaffinity(0, {int(harness.LOAD_CPU)})
    shared, processes = harness.Shared(), harness.Processes()
    try:
        servers = {variant: shared.clock.attach(harness.start_python(processes, shared.deps, harness.variant_env(variant, "python", shared.sink),
                                                                     variant)) for variant in VARIANTS}
        harness.ready(*servers.values())
        clients = [RankClient(server) for server in servers.values()]
        # Its stdin closed on leaving the block, the sweeper's loop ends and it exits.
        with subprocess.Popen(["taskset", "-c", harness.SERVER_CPU, sys.executable, "-c", SWEEPER, str(max(sweeps))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as sweeper:
            for client in clients:
                for _ in range(warmup):
                    client.rank()

            cpu = {(kb, variant): [] for kb in sweeps for variant in VARIANTS}
            for round_ in range(rounds):
                for kb in sweeps if round_ % 2 == 0 else sweeps[::-1]:
                    before = {variant: shared.clock.seconds(server) for variant, server in servers.items()}
                    for i in range(requests):
                        for client in clients if i % 2 == 0 else clients[::-1]:
                            client.rank()
                            sweeper.stdin.write(f"{kb}\n")
                            sweeper.stdin.flush()
                            sweeper.stdout.readline()
                    for variant, server in servers.items():
                        cpu[(kb, variant)].append((shared.clock.seconds(server) - before[variant]) / requests * 1e6)

        print(f"{rounds} rounds of {requests} rank requests per service, medians; CPU per request in µs")
        for kb in sweeps:
            plain, traced_off = (statistics.median(cpu[(kb, variant)]) for variant in VARIANTS)
            print(f"{kb:>6} KB written between requests: plain {plain:,.0f}, traces off {traced_off:,.0f} "
                  f"({traced_off - plain:+.0f} µs, {plain / traced_off:.1%} of plain kept)", flush=True)
    finally:
        processes.stop_all()
        shared.stop()


if __name__ == "__main__":
    main(sys.argv)
