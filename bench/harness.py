#!/usr/bin/env python3
"""The benchmarks of issue 8, run by bench/run.sh (which installs the tools first). See bench/BENCHMARKS.md.

    harness.py [--smoke] [PART ...]      PART: instrumentation exporter peer health apphost scale (default: all)

Every server under test is pinned to CPU 0 and wrk, the load from a second process on loopback, to CPU 1, so the
server has one core of its own. Variants that are compared (plain and instrumented, ours and the peer) are started
together and loaded in turn, round after round: each round gives a ratio measured side by side, which stays
meaningful when the other core's neighbours make absolute numbers noisy. Figures are medians over the rounds,
with the range beside them. Part 1 (instrumentation) goes further, for issue 19: each variant its own processes with
the same runtime settings and the same warm-up, CPU per request from a cgroup as the primary figure, the variants'
order rotated each round, shares taken round by round, the user-mode CPU each variant adds beside the total, and
three independent runs side by side (bench/notes/instrumentation.md says why).

A full run writes bench/results/PART.md and rewrites bench/BENCHMARKS.md from all the parts' results and the
notes in bench/notes/PART.md. --smoke runs every bench for about a second, writes nothing, and only proves the
harness still works. Each bench prints one summary line per figure, starting with "[PART]".
Only the standard library: Debian's /usr/bin/python3.
"""
import contextlib
import datetime
import json
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.client import HTTPConnection

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(BENCH, "apphost"))
import startup  # noqa: E402  (bench/apphost/startup.py: the AppHost timing, also runnable alone)

NODE_PEER = os.path.join(BENCH, "peers", "node")
PARTS = ["instrumentation", "exporter", "peer", "health", "apphost", "scale"]
SERVER_CPU, LOAD_CPU = "0", "1"


class Settings:
    def __init__(self, smoke):
        self.smoke = smoke
        self.seconds = 1 if smoke else 3  # one wrk run
        self.rounds = 1 if smoke else 5
        # Part 1 (instrumentation): independent runs, each of short interleaved rounds; ~20 minutes on 2 cores.
        self.runs = 1 if smoke else 3
        self.instrumentation_rounds = 1 if smoke else 6
        self.instrumentation_seconds = 1
        self.connections = 16
        # Seconds of load before measuring. The instrumented backend needs tens of seconds under load to reach its steady
        # state (its CPU per request starts ~3× higher: tiered JIT of the telemetry paths), so each server's first route
        # gets the long warm-up; later routes on an already warm server the short one.
        self.warmup_first = 0 if smoke else 20
        self.warmup = 0 if smoke else 3
        self.apphost_runs = 1 if smoke else 5

    def warmup_requests(self, count):
        """Requests of one path's warm-up, the same for every variant; a smoke run only proves the warm-up works."""
        return 200 if self.smoke else count

    def latency_requests(self, count):
        """Requests per variant for one path's p50; a smoke run only proves the measurement works."""
        return 100 if self.smoke else count

    def routes(self, routes):
        """A smoke run loads the first route only: enough to prove the code path, and quick."""
        return routes[:1] if self.smoke else routes


# ---------------------------------------------------------------- processes


class Processes:
    """Everything a bench starts, stopped in reverse order (dependents first) when the bench ends, however it ends."""

    def __init__(self):
        self.running = []

    def start(self, name, argv, env=None, cwd=None, cpu=None, stop_signal=signal.SIGTERM):
        # taskset execs the command, so the pid is the server's own and /proc/PID is its CPU time and memory.
        argv = (["taskset", "-c", cpu] if cpu else []) + argv
        process = subprocess.Popen(argv, env={**os.environ, **(env or {})}, cwd=cwd,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        process.bench_name = name
        self.running.append((process, stop_signal))
        return process

    def stop(self, process):
        for entry in [e for e in self.running if e[0] is process]:
            self.running.remove(entry)
            startup.stop(*entry)

    def stop_all(self):
        while self.running:
            process, sig = self.running.pop()
            startup.stop(process, sig)


def free_port():
    return startup.free_port()


def wait_http(process, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.bench_name} exited ({process.returncode}): {process.stderr.read()[-2000:]}")
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{process.bench_name} did not answer 200 on {url} within {timeout} s")


def cpu_seconds(pid, user_only=False):
    # utime and stime, fields 14 and 15 of /proc/PID/stat (counted after the command name, which may hold spaces).
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + (0 if user_only else int(fields[12]))) / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """A server's CPU time to the microsecond, from a cgroup of its own (cgroup v2 `cpu.stat`, else v1 `cpuacct.usage`).
    /proc/PID/stat counts in clock ticks (10 ms): ±2 % of a one-second load of a fast path, and far more of the search,
    which runs a few hundred requests a second; summing /proc/PID/task/*/schedstat instead loses the time of every thread
    that exits during a load (it went negative in a trial run). A cgroup keeps the time of exited threads. Where no
    cgroup can be made (not root, no writable hierarchy), the ticks of /proc/PID/stat."""

    def __init__(self):
        self.base = self.kind = None
        for line in open("/proc/mounts"):
            _, mount, kind, options = line.split()[:4]
            if kind == "cgroup2" or (kind == "cgroup" and "cpuacct" in options.split(",")):
                with contextlib.suppress(OSError):
                    base = os.path.join(mount, f"nuzantara-bench-{os.getpid()}")
                    os.makedirs(base, exist_ok=True)
                    self.base, self.kind = base, kind
                    break
        self.name = {"cgroup2": "cgroup v2 cpu.stat", "cgroup": "cgroup v1 cpuacct.usage"}.get(self.kind, "/proc/PID/stat (10 ms ticks)")

    def attach(self, process):
        if self.base:
            try:
                group = os.path.join(self.base, str(process.pid))
                os.makedirs(group, exist_ok=True)
                with open(os.path.join(group, "cgroup.procs"), "w") as procs:
                    procs.write(str(process.pid))
                process.cgroup = group
            except OSError:
                process.cgroup = None
        return process

    def seconds(self, process, user_only=False):
        """CPU time used so far; `user_only`: in user mode only, without the kernel's (system calls, the network stack)."""
        group = getattr(process, "cgroup", None)
        if group is None:
            return cpu_seconds(process.pid, user_only)
        if self.kind == "cgroup2":
            stat = dict(line.split() for line in open(os.path.join(group, "cpu.stat")))
            return int(stat["user_usec" if user_only else "usage_usec"]) / 1e6
        return int(open(os.path.join(group, "cpuacct.usage_user" if user_only else "cpuacct.usage")).read()) / 1e9

    def remove(self):
        """The cgroups, once their processes have exited (a cgroup with a process in it cannot be removed)."""
        if self.base:
            for group in os.listdir(self.base):
                path = os.path.join(self.base, group)
                if os.path.isdir(path):
                    with contextlib.suppress(OSError):
                        os.rmdir(path)
            with contextlib.suppress(OSError):
                os.rmdir(self.base)


def rss_mb(pid):
    return startup.rss_mb(pid)


def http(method, url, body=None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


# ---------------------------------------------------------------- load


def wrk(url, connections, seconds, cpu=LOAD_CPU, env=None):
    """One wrk run (one thread, keep-alive connections) as a dict: requests, seconds, errors, p50_us, p99_us, rps."""
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", os.path.join(BENCH, "lib", "wrk.lua"), url]
    if cpu:
        argv = ["taskset", "-c", cpu] + argv
    output = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=seconds + 30,
                            env={**os.environ, **env} if env else None).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def load(server, url, connections, seconds):
    """wrk against one server, with the server's CPU time per request and its memory afterwards."""
    before = cpu_seconds(server.pid)
    result = wrk(url, connections, seconds)
    result["cpu_us_per_request"] = (cpu_seconds(server.pid) - before) / max(result["requests"], 1) * 1e6
    result["rss_mb"] = rss_mb(server.pid)
    if result["errors"]:
        raise RuntimeError(f"{result['errors']} failed requests against {url}")
    return result


def median(values):
    return statistics.median(values)


def spread(values, fmt="{:.0f}"):
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}"


# ---------------------------------------------------------------- the services under test


class Dependencies:
    """Redis (with a password, as the AppHost runs it) and a PostgreSQL cluster of its own, on the load core."""

    def __init__(self, processes):
        self.work = tempfile.mkdtemp(prefix="nuzantara-bench-")
        os.chmod(self.work, 0o755)  # PostgreSQL runs as its own user and must enter this folder
        password = secrets.token_hex(16)
        redis_port, pg_port = free_port(), free_port()
        processes.start("redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                          "--requirepass", password], cpu=LOAD_CPU)
        pg = f"/usr/lib/postgresql/{max(os.listdir('/usr/lib/postgresql'), key=int)}/bin"
        as_postgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] if os.geteuid() == 0 else []
        data = os.path.join(self.work, "pg")
        os.makedirs(data)
        if as_postgres:
            subprocess.run(["chown", "-R", "postgres:postgres", self.work], check=True)
        subprocess.run(as_postgres + [f"{pg}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL)
        # SIGINT is PostgreSQL's fast shutdown. No autovacuum: it ran on the load core in the middle of part 1's rounds (four
        # times in one run, after the writes), slowing the load and so raising the CPU per request of whatever was measured
        # then. settle_database does that work between the warm-up and the rounds instead.
        processes.start("postgres", as_postgres + [f"{pg}/postgres", "-D", data, "-p", str(pg_port), "-c", "listen_addresses=127.0.0.1",
                                                   "-k", self.work, "-c", "fsync=off", "-c", "autovacuum=off"],
                        cpu=LOAD_CPU, stop_signal=signal.SIGINT)
        startup.wait_until(startup.tcp_answers(redis_port, f"AUTH {password}\r\nPING\r\n".encode(), b"+OK"), time.monotonic(), "redis")
        startup.wait_until(lambda: subprocess.run([f"{pg}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(pg_port)]).returncode == 0,
                           time.monotonic(), "postgres")
        self.redis_port, self.redis_password, self.postgres_port = redis_port, password, pg_port
        self.redis = f"127.0.0.1:{redis_port},password={password}"
        self.postgres = f"Host=127.0.0.1;Port={pg_port};Username=postgres;Database=postgres"

    def remove(self):
        shutil.rmtree(self.work, ignore_errors=True)


class Shared:
    """Redis, PostgreSQL and the sink, started on first use and kept for every part of the run (each costs seconds)."""

    def __init__(self):
        self.processes = Processes()
        self._deps = self._sink = None
        self.clock = CpuClock()

    @property
    def deps(self):
        self._deps = self._deps or Dependencies(self.processes)
        return self._deps

    @property
    def sink(self):
        self._sink = self._sink or start_sink(self.processes)
        return self._sink

    def stop(self):
        self.processes.stop_all()
        self.clock.remove()
        if self._deps:
            self._deps.remove()


def start_sink(processes):
    """The local OTLP collector and Sentry stand-in (bench/lib/sink.py), on the load core."""
    port = free_port()
    processes.start("sink", [sys.executable, os.path.join(BENCH, "lib", "sink.py"), str(port)], cpu=LOAD_CPU)
    startup.wait_until(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None, time.monotonic(), "sink")
    return port


def telemetry_env(instrumented, sink_port):
    """Instrumented: traces, metrics and logs over OTLP to the sink, Sentry with a DSN on the sink. Plain: all of it off."""
    if instrumented:
        return {"OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink_port}", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
                "SENTRY_DSN": f"http://key@127.0.0.1:{sink_port}/1"}
    return {"Nuzantara__Telemetry__Enabled": "false"}


def start_backend(processes, deps, instrumented, sink_port, cpu=SERVER_CPU, extra_env=None, label=None):
    """The backend; `label` names a variant whose `extra_env` carries all of its telemetry settings."""
    port = free_port()
    env = {"ASPNETCORE_URLS": f"http://127.0.0.1:{port}", "ASPNETCORE_ENVIRONMENT": "Production", "OTEL_SERVICE_NAME": "backend",
           "ConnectionStrings__redis": deps.redis, "ConnectionStrings__nuzantara": deps.postgres,
           **({} if label else telemetry_env(instrumented, sink_port)), **(extra_env or {})}
    dll = startup.built("Nuzantara.Backend")
    name = f"backend ({label or ('instrumented' if instrumented else 'plain')})"
    backend = processes.start(name, ["dotnet", dll], env=env, cwd=os.path.dirname(dll), cpu=cpu)
    backend.base, backend.ready_path = f"http://127.0.0.1:{port}", "/health/ready"
    return backend


def cached_document(backend):
    """A document's address, read once so that every later GET is a Redis cache hit."""
    status, body = http("POST", backend.base + "/api/documents", {"title": "Bench", "body": "A cached document", "tags": ["bench"]})
    assert status == 201, body
    path = f"/api/documents/{json.loads(body)['id']}"
    http("GET", backend.base + path)
    return path


def start_node_peer(processes, instrumented, sink_port):
    port = free_port()
    env = {"PORT": str(port), "NODE_ENV": "production", "PEER_INSTRUMENTED": "1" if instrumented else "0",
           "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink_port}", "SENTRY_DSN": f"http://key@127.0.0.1:{sink_port}/1"}
    argv = ["node"] + (["--require", "./instrument.js"] if instrumented else []) + ["server.js"]
    peer = processes.start("node peer" + (" (instrumented)" if instrumented else " (plain)"), argv, env=env, cwd=NODE_PEER, cpu=SERVER_CPU)
    peer.base, peer.ready_path = f"http://127.0.0.1:{port}", "/health"
    return peer


def ready(*servers):
    """Servers are started together (their start-up overlaps) and waited for here."""
    for server in servers:
        wait_http(server, server.base + server.ready_path)
    return servers if len(servers) > 1 else servers[0]


def warm(servers, path, settings, first=False):
    seconds = settings.warmup_first if first else settings.warmup
    for server in servers if seconds else []:
        wrk(server.base + path, 32, seconds)


def series_count(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return sum(1 for line in response.read().decode().splitlines() if line and not line.startswith("#"))


# ---------------------------------------------------------------- the parts


class Report:
    """One part's results: a Markdown section for BENCHMARKS.md and one summary line per figure on stdout."""

    def __init__(self, part, title, command):
        self.part, self.lines = part, [f"## {title}", "", f"`{command}` — {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
                                                    f"load average before the run {open('/proc/loadavg').read().split()[0]}", ""]

    def add(self, *lines):
        self.lines.extend(lines)

    def figure(self, name, value, target=None, met=None):
        """Prints the summary line; returns "met" or "**missed**" for the table (empty without a target)."""
        verdict = "" if target is None else ("met" if met else "**missed**")
        print(f"[{self.part}] {name}: {value}" + (f" (target {target}: {verdict.strip('*')})" if target else ""), flush=True)
        return verdict

    def markdown(self):
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------- part 1: what telemetry costs, per request

# What every .NET server under test runs with, plain or instrumented (bench/notes/instrumentation.md, "A baseline that
# holds still", says why): Workstation GC, as a one-core service gets (the Web SDK's default is Server GC, whose heap
# count and collection pacing follow what the machine looks like, not the process's one pinned core); tiered
# compilation and dynamic PGO as in production, with tier-up on the first 30 calls instead of after 100 ms of quiet
# (a warm-up of a fixed number of requests then reaches the same code for every variant); and no thread-pool spinning,
# which burns CPU while a worker waits for the next request and so charges a server for how fast its load arrives.
DOTNET_BENCH_ENV = {"DOTNET_gcServer": "0", "DOTNET_TieredCompilation": "1", "DOTNET_TieredPGO": "1",
                    "DOTNET_TC_CallCountingDelayMs": "0", "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit": "0"}

# "plain again" is the A/A control: a second plain stack, measured like the others. Last, so a smoke run (the first two) skips it.
CONTROL = "plain again"
VARIANTS = ["plain", "instrumented", "traces off", "production sampling", CONTROL]
VARIANT_DESCRIPTIONS = {
    "plain": "`Nuzantara__Telemetry__Enabled=false` on all three services and no `SENTRY_DSN`. In the .NET services: no "
             "OpenTelemetry at all (no ActivityListener, so HttpClient, Npgsql and our cache start no Activity, ASP.NET Core only "
             "the one it keeps for log scopes; no meters enabled, no HTTP metrics middleware, no `/metrics`, no OTLP exporters, "
             "no log exporter). In the Python service: no tracing or metrics middleware, no `/metrics`, no export, no metric "
             "counted",
    "instrumented": "all of ServiceDefaults — traces, metrics and logs over OTLP/HTTP to the sink, the HTTP metrics and `/metrics`, "
                    "Sentry with a local DSN — and every request traced: `OTEL_TRACES_SAMPLER=always_on` on all three services, "
                    "as the AppHost sets it",
    "traces off": "as instrumented, with `OTEL_TRACES_SAMPLER=always_off` on all three services: no span is recorded or exported; "
                  "metrics, logs and Sentry on",
    "production sampling": "as instrumented, with the sampling docs/deploy.md documents for production: "
                           "`OTEL_TRACES_SAMPLER=parentbased_traceidratio`, `OTEL_TRACES_SAMPLER_ARG=0.1` on the gateway only, "
                           "the backend and Python service on their default parent-based sampler, following the gateway's decision",
    CONTROL: "the A/A control: a second set of plain processes, started, warmed and loaded exactly as the others. Telemetry "
             "makes no difference to it, so its share of plain and its spread are what this method reads as noise on this "
             "machine: a variant's difference from plain smaller than the control's distance from 100 % is not a finding",
}
# Whether a fully traced or sampled variant meets its target (issue 19), as a share of plain's CPU per request.
TARGETS = {"instrumented": 85, "traces off": 95, "production sampling": 90}
ADDED_P50_TARGET_US = 50


def variant_env(variant, role, sink_port):
    """The telemetry environment of one service (backend, orchestrator or python) in one variant."""
    if variant in ("plain", CONTROL):
        return telemetry_env(False, sink_port)
    env = telemetry_env(True, sink_port)
    if variant == "instrumented":
        env["OTEL_TRACES_SAMPLER"] = "always_on"
    elif variant == "traces off":
        env["OTEL_TRACES_SAMPLER"] = "always_off"
    elif role == "orchestrator":
        env.update({"OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.1"})
    return env


class Stack:
    """One variant's services, each its own process on the server core: the backend, and for the gateway's search the
    Python service and the orchestrator in front of both (started only when a path needs them)."""

    def __init__(self, processes, deps, sink_port, variant, gateway, clock):
        self.variant, self.clock = variant, clock
        self.backend = start_backend(processes, deps, False, sink_port,
                                     extra_env={**DOTNET_BENCH_ENV, **variant_env(variant, "backend", sink_port)}, label=variant)
        self.python = self.orchestrator = None
        if gateway:
            self.python = start_python(processes, deps, variant_env(variant, "python", sink_port), variant)
            self.orchestrator = start_orchestrator(processes, self.backend, self.python,
                                                   {**DOTNET_BENCH_ENV, **variant_env(variant, "orchestrator", sink_port)}, variant)

        for server in self.servers():
            clock.attach(server)

    def roles(self):
        """Its processes by service, the gateway first (those a path does not need are not started)."""
        started = {"orchestrator": self.orchestrator, "backend": self.backend, "python": self.python}
        return {role: server for role, server in started.items() if server is not None}

    def servers(self):
        return list(self.roles().values())


def start_python(processes, deps, env, label):
    port = free_port()
    project = os.path.join(ROOT, "Nuzantara.PythonBackend")
    python = processes.start(f"python-backend ({label})", ["/usr/bin/python3", "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1",
                                                            "--port", str(port), "--no-access-log"],
                             env={"ConnectionStrings__redis": deps.redis, "OTEL_SERVICE_NAME": "python-backend", "LOG_LEVEL": "WARNING", **env},
                             cwd=project, cpu=SERVER_CPU)
    python.base, python.ready_path = f"http://127.0.0.1:{port}", "/health/ready"
    return python


def start_orchestrator(processes, backend, python, env, label):
    port = free_port()
    dll = startup.built("Nuzantara.Orchestrator")
    orchestrator = processes.start(f"orchestrator ({label})", ["dotnet", dll], cwd=os.path.dirname(dll), cpu=SERVER_CPU, env={
        "ASPNETCORE_URLS": f"http://127.0.0.1:{port}", "ASPNETCORE_ENVIRONMENT": "Production", "OTEL_SERVICE_NAME": "orchestrator",
        # Service discovery as the AppHost configures it.
        "services__backend__http__0": backend.base, "services__python-backend__http__0": python.base, **env})
    orchestrator.base, orchestrator.ready_path = f"http://127.0.0.1:{port}", "/health/ready"
    return orchestrator


class BenchPath:
    """One request kind: which service of the stack it goes to, how wrk shapes it, and what it needs before each load."""

    def __init__(self, name, label, url, warmup, latency_requests, target="backend", wrk_env=None, before=None):
        self.name, self.label, self.url, self.warmup, self.target = name, label, url, warmup, target
        self.latency_requests = latency_requests  # per variant, for the p50 (interleaved_latencies)
        self.wrk_env, self.before = wrk_env or {}, before

    def servers(self, stack):
        """The processes whose CPU a request of this path costs: the gateway's search costs all three."""
        return list(self.roles(stack).values())

    def roles(self, stack):
        """Those processes by service."""
        return stack.roles() if self.target == "orchestrator" else {"backend": stack.backend}

    def entry(self, stack):
        return getattr(stack, self.target)


# A backend-direct request arrives as it would from the gateway in production: with a traceparent, sampled on 10 % of
# requests (the documented production sampling). Plain ignores it; always_on and always_off override it.
FROM_GATEWAY = {"BENCH_TRACEPARENT_SAMPLED": "0.1"}
SEEDED = 20_000  # documents for the cache misses: more than one load reads
SEARCH_MATCHES = 120  # documents the search matches: more than the orchestrator's 100 candidates, which Python ranks
SEARCH_FIRST_ID = 1_000_000_000


def seed_documents(deps):
    """Documents to read from PostgreSQL (the misses) and to search for, inserted once by SQL after a backend made the schema."""
    sql = (f"INSERT INTO documents (title, body, tags) SELECT 'Seed ' || i, 'A seeded document, number ' || i, ARRAY['seed'] "
           f"FROM generate_series(1, {SEEDED}) AS i;"
           # Ids above any the sequence hands out: the backend's search reads newest first and stops at its candidate limit,
           # so the matches stay the first rows it reads however many documents the write path adds.
           f"INSERT INTO documents (id, title, body, tags) OVERRIDING SYSTEM VALUE SELECT {SEARCH_FIRST_ID} + i, 'Observability ' || i, "
           f"'What observability costs on request ' || i, ARRAY['search'] FROM generate_series(1, {SEARCH_MATCHES}) AS i; ANALYZE documents;")
    present = subprocess.run(["psql", "-tA", "-h", "127.0.0.1", "-p", str(deps.postgres_port), "-U", "postgres", "-d", "postgres",
                              "-c", "SELECT count(*) FROM documents WHERE title = 'Seed 1'"], check=True, capture_output=True, text=True)
    if present.stdout.strip() == "0":
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(deps.postgres_port), "-U", "postgres",
                        "-d", "postgres", "-c", sql], check=True, capture_output=True)
    first = subprocess.run(["psql", "-tA", "-h", "127.0.0.1", "-p", str(deps.postgres_port), "-U", "postgres", "-d", "postgres",
                            "-c", "SELECT min(id) FROM documents WHERE title LIKE 'Seed %'"], check=True, capture_output=True, text=True)
    return int(first.stdout.strip())


def settle_database(deps):
    """The vacuum, statistics and checkpoint that the warm-up's writes call for, done before the rounds rather than during them."""
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(deps.postgres_port), "-U", "postgres", "-d", "postgres",
                    "-c", "VACUUM ANALYZE documents", "-c", "CHECKPOINT"], check=True, capture_output=True)


def evict_documents(deps, cached_path, backend):
    """Every cached document out of Redis (so the seeded ids miss again), then the cache hit's document back in."""
    with socket.create_connection(("127.0.0.1", deps.redis_port), timeout=10) as connection:
        script = "for _, k in ipairs(redis.call('KEYS', 'document:*')) do redis.call('UNLINK', k) end return 0"
        command = ["AUTH", deps.redis_password, "EVAL", script, "0"]
        connection.sendall(resp(command[:2]) + resp(command[2:]))
        answer = b""
        while answer.count(b"\r\n") < 2:
            answer += connection.recv(256)
        if b"-" in answer[:1] or b"\r\n-" in answer:
            raise RuntimeError(f"Redis refused the eviction: {answer!r}")
    http("GET", backend.base + cached_path)


def resp(words):
    return f"*{len(words)}\r\n".encode() + b"".join(f"${len(w.encode())}\r\n{w}\r\n".encode() for w in words)


def bench_paths(settings, deps, cached_path, first_seeded):
    """Part 1's paths (bench/profile takes its requests from here too)."""
    write = json.dumps({"title": "Bench write", "body": "A document written under load", "tags": ["bench"]})
    paths = [
        BenchPath("example", "`GET /api/example`", "/api/example", 10_000, 5_000, wrk_env=FROM_GATEWAY),
        BenchPath("cache hit", "cache hit: `GET /api/documents/{id}` (Redis)", cached_path, 5_000, 5_000, wrk_env=FROM_GATEWAY),
        # The misses' p50: each variant reads 2,000 ids of its own, so five read the first 10,000 of the SEEDED documents.
        BenchPath("cache miss", "cache miss: `GET /api/documents/{id}` (PostgreSQL, then the cache filled)", "/api/documents/", 2_000,
                  2_000, wrk_env={**FROM_GATEWAY, "BENCH_FIRST_ID": str(first_seeded)},
                  before=lambda stack: evict_documents(deps, cached_path, stack.backend)),
        BenchPath("write", "write: `POST /api/documents`", "/api/documents", 2_000, 2_000,
                  wrk_env={**FROM_GATEWAY, "BENCH_METHOD": "POST", "BENCH_BODY": write}),
        BenchPath("search", "search through the gateway: `GET /api/search` (orchestrator → backend → Python)",
                  # 3,000: after 500 the orchestrator was still compiling its search path, and every variant's first round
                  # cost ~2 ms a search more (its JIT) than the next ones.
                  "/api/search?q=observability", 3_000, 1_500, target="orchestrator"),
    ]
    return paths[:1] if settings.smoke else paths


def warm_path(path, stack, connections, requests):
    """Exactly `requests` requests, in loads of a second: wrk stops sending at BENCH_STOP_AFTER but runs out its duration."""
    while requests > 0:
        requests -= measure_load(path, stack, connections, 1, stop_after=requests)["requests"]


def measure_load(path, stack, connections, seconds, stop_after=None):
    """One wrk load of a path against a stack: wrk's figures and the CPU of the processes the path runs through."""
    if path.before:
        path.before(stack)
    servers = path.servers(stack)
    env = dict(path.wrk_env)
    if stop_after:
        env["BENCH_STOP_AFTER"] = str(stop_after)
    before = sum(stack.clock.seconds(s) for s in servers), sum(stack.clock.seconds(s, user_only=True) for s in servers)
    result = wrk(path.entry(stack).base + path.url, connections, seconds, env=env)
    requests = max(result["requests"], 1)
    result["cpu_us_per_request"] = (sum(stack.clock.seconds(s) for s in servers) - before[0]) / requests * 1e6
    result["user_us_per_request"] = (sum(stack.clock.seconds(s, user_only=True) for s in servers) - before[1]) / requests * 1e6
    if result["errors"]:
        raise RuntimeError(f"{result['errors']} failed requests against {path.name} ({stack.variant})")
    return result


class SpeedProbe:
    """The same small piece of work, timed on the server core between loads. On a core of its own its CPU time would
    not move; on this VM it does, by tens of percent within seconds (the host runs other guests and reports no steal
    time, so whatever it takes is charged to the guest's processes). Its spread is the machine's share of a run's noise."""

    def __init__(self):
        self.samples_ms = []

    def sample(self, count=5):
        saved = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {int(SERVER_CPU)})  # this thread only, for the probe
        try:
            for _ in range(count):
                started = time.thread_time_ns()
                total = 0
                for i in range(50_000):
                    total += i * i % 7
                self.samples_ms.append((time.thread_time_ns() - started) / 1e6)
        finally:
            os.sched_setaffinity(0, saved)

    def summary(self):
        """The p10, median and p90 of the samples, and how much slower the p90 is than the p10."""
        deciles = statistics.quantiles(self.samples_ms, n=10)
        return {"p10": deciles[0], "median": median(self.samples_ms), "p90": deciles[-1], "slower": (deciles[-1] / deciles[0] - 1) * 100}


def interleaved_latencies(path, stacks, requests, clock):
    """Each variant's latencies at one request at a time, the variants taking turns request by request (rotated), and
    the CPU per request each of its services spent on those requests (µs, by service).

    Why not wrk at one connection per variant, one window after another: the host's speed moves by tens of percent
    within seconds (SpeedProbe), which moved a window's p50 by more than the 50 µs the target allows; the A/A control
    read +59 to +69 µs that way. Taking turns request by request puts every variant in the same moments. The requests
    are shaped as bench/lib/wrk.lua shapes them, from the path's same BENCH_* settings; the client is this process, on
    the load core, and its own time per request is the same for every variant."""
    if path.before:
        path.before(next(iter(stacks.values())))
    env = path.wrk_env
    method, body = env.get("BENCH_METHOD", "GET"), env.get("BENCH_BODY")
    sampled = float(env["BENCH_TRACEPARENT_SAMPLED"]) if "BENCH_TRACEPARENT_SAMPLED" in env else None
    first_id = int(env["BENCH_FIRST_ID"]) if "BENCH_FIRST_ID" in env else None
    variants = list(stacks)
    connections = {v: HTTPConnection(urllib.parse.urlsplit(path.entry(stacks[v]).base).netloc, timeout=10) for v in variants}
    latencies = {v: [] for v in variants}
    roles = {v: path.roles(stacks[v]) for v in variants}
    cpu_before = {v: {role: clock.seconds(server) for role, server in roles[v].items()} for v in variants}
    saved = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {int(LOAD_CPU)})
    try:
        for number in range(requests):
            headers = {"Content-Type": "application/json"} if body else {}
            if sampled is not None:
                headers["traceparent"] = f"00-{random.getrandbits(128):032x}-{random.getrandbits(64):016x}-{'01' if random.random() < sampled else '00'}"
            for variant in rotated(variants, number):
                url = path.url if first_id is None else f"{path.url}{first_id + variants.index(variant) * requests + number}"
                started = time.perf_counter_ns()
                connections[variant].request(method, url, body, headers)
                response = connections[variant].getresponse()
                response.read()
                latencies[variant].append((time.perf_counter_ns() - started) / 1000)
                if response.status >= 300:
                    raise RuntimeError(f"{path.name} ({variant}) answered {response.status} to {method} {url}")
    finally:
        os.sched_setaffinity(0, saved)
        for connection in connections.values():
            connection.close()
    cpu = {v: {role: (clock.seconds(server) - cpu_before[v][role]) / requests * 1e6 for role, server in roles[v].items()} for v in variants}
    return latencies, cpu


def rotated(variants, number):
    """Round `number`'s order: rotated each round, so that no variant always follows the same neighbour or goes first."""
    return variants[number % len(variants):] + variants[:number % len(variants)]


def instrumentation_run(settings, processes, shared, run):
    """One independent run: every variant's stack started afresh, warmed the same way, then measured in interleaved rounds."""
    deps, sink = shared.deps, shared.sink
    gateway = not settings.smoke
    variants = VARIANTS[:2] if settings.smoke else VARIANTS
    phases = [("start", time.monotonic())]
    try:
        stacks = {v: Stack(processes, deps, sink, v, gateway, shared.clock) for v in variants}
        for stack in stacks.values():
            ready(*stack.servers())
        cached_path = cached_document(stacks["plain"].backend)
        first_seeded = seed_documents(deps) if gateway else 1
        paths = bench_paths(settings, deps, cached_path, first_seeded)
        phases.append(("warm-up", time.monotonic()))
        # Warm-up: the same number of requests per path for every variant, in the same order.
        for path in paths:
            for variant in variants:
                warm_path(path, stacks[variant], settings.connections, settings.warmup_requests(path.warmup))
        if gateway:
            settle_database(deps)
        phases.append(("rounds", time.monotonic()))
        rounds = {(p.name, v): [] for p in paths for v in variants}
        probe = SpeedProbe()
        for number in range(settings.instrumentation_rounds):
            for path in paths:
                probe.sample()
                for variant in rotated(variants, number):
                    rounds[(path.name, variant)].append(measure_load(path, stacks[variant], settings.connections, settings.instrumentation_seconds))
        phases.append(("latency", time.monotonic()))
        latency = {}
        for path in paths:
            latencies, cpu = interleaved_latencies(path, stacks, settings.latency_requests(path.latency_requests), shared.clock)
            for variant in variants:
                latency[(path.name, variant)] = {"p50": median(latencies[variant]), "cpu_us": cpu[variant]}
        phases.append(("end", time.monotonic()))
    finally:
        processes.stop_all()
    print(f"[instrumentation] run {run} phases: " + ", ".join(f"{name} {end - start:.0f} s" for (name, start), (_, end) in zip(phases, phases[1:])),
          flush=True)
    print(f"[instrumentation] run {run}: " + "; ".join(
        f"{p.name} {v} {median([r['cpu_us_per_request'] for r in rounds[(p.name, v)]]):.1f} µs "
        f"(rounds {', '.join(format(r['cpu_us_per_request'], '.1f') for r in rounds[(p.name, v)])}; "
        f"of which user mode {', '.join(format(r['user_us_per_request'], '.1f') for r in rounds[(p.name, v)])})"
        for p in paths for v in variants), flush=True)
    speed = probe.summary()
    print(f"[instrumentation] run {run} machine speed: a fixed piece of work on CPU {SERVER_CPU} between loads took "
          f"{speed['p10']:.2f} ms (p10), {speed['median']:.2f} ms (median), {speed['p90']:.2f} ms (p90): p90 {speed['slower']:.0f} % slower", flush=True)
    return paths, variants, rounds, latency, speed


def run_figures(paths, variants, rounds, latency):
    """Per path and variant, one run's figures: CPU per request, req/s, and both as a share of plain's (in %).

    Shares are taken round by round, then their median: in one round plain and the variant are loaded seconds apart, so
    a drift of the machine over the run (the load core's neighbours, the host) moves both sides of each ratio alike.
    The user-mode figures leave out the kernel's CPU (system calls and the loopback network stack, ~65 % of a cheap
    request's), which telemetry hardly adds to but which moves with how requests happen to batch: the user-mode CPU a
    variant adds is its telemetry's own cost, and "÷ plain, own cost only" is the share it would keep if the kernel's
    part cost it what it cost plain in the same round."""
    figures = {}
    for path in paths:
        plain = rounds[(path.name, "plain")]
        for variant in variants:
            measured = rounds[(path.name, variant)]
            added_user = median([m["user_us_per_request"] - p["user_us_per_request"] for m, p in zip(measured, plain)])
            figures[(path.name, variant)] = {
                "cpu": median([r["cpu_us_per_request"] for r in measured]), "rps": median([r["rps"] for r in measured]),
                "cpu_share": median([p["cpu_us_per_request"] / m["cpu_us_per_request"] * 100 for m, p in zip(measured, plain)]),
                "rps_share": median([m["rps"] / p["rps"] * 100 for m, p in zip(measured, plain)]),
                "added_user": added_user,
                "own_cost_share": median([p["cpu_us_per_request"] / (p["cpu_us_per_request"] + m["user_us_per_request"] - p["user_us_per_request"]) * 100
                                          for m, p in zip(measured, plain)]),
                "added_p50": latency[(path.name, variant)]["p50"] - latency[(path.name, "plain")]["p50"],
                # The same one-at-a-time requests' CPU, by service: on one core a request's latency is mostly that CPU.
                "added_p50_cpu": {role: cpu - latency[(path.name, "plain")]["cpu_us"][role]
                                  for role, cpu in latency[(path.name, variant)]["cpu_us"].items()}}
    return figures


def part_instrumentation(settings, processes, shared):
    report = Report("instrumentation", "1. Instrumentation cost", "bench/run.sh instrumentation")
    runs, speeds = [], []
    for run in range(1, settings.runs + 1):
        paths, variants, rounds, latency, speed = instrumentation_run(settings, processes, shared, run)
        runs.append(run_figures(paths, variants, rounds, latency))
        speeds.append(speed)

    report.add(
        f"Each variant is its own set of processes on CPU {SERVER_CPU} (the backend; for the search also the orchestrator and the "
        f"Python service), wrk on CPU {LOAD_CPU} with Redis, PostgreSQL and the sink (`bench/lib/sink.py`). Variants:", "",
        *[f"- **{v}**: {VARIANT_DESCRIPTIONS[v]}." for v in variants], "",
        f"Every .NET service runs with {', '.join(f'`{k}={v}`' for k, v in DOTNET_BENCH_ENV.items())} (bench/notes/instrumentation.md). "
        f"{settings.runs} independent runs: each starts every variant's processes afresh, warms each path with the same number of "
        f"requests for every variant, then measures {settings.instrumentation_rounds} rounds of {settings.instrumentation_seconds} s per path and variant at "
        f"{settings.connections} connections, the variants' order rotated each round; then the p50 one request at a time, the variants "
        f"taking turns request by request ({', '.join(f'{p.latency_requests:,} {p.name}' for p in paths)} requests each; the "
        "client is the harness on the load core, so a p50 includes its ~50–100 µs and only **added p50**, the variant's minus "
        "plain's, is the figure). **CPU per request** "
        f"(the server processes' CPU time, from {shared.clock.name}, ÷ requests; for the search, all three processes) is the primary figure; "
        "**÷ plain** is plain's CPU per request ÷ the variant's, the share of plain's requests per core the variant keeps, taken "
        "round by round (plain and the variant seconds apart) and then the median of the rounds. **User-mode CPU added** is the "
        "variant's CPU per request outside the kernel minus plain's: telemetry's own work. **÷ plain, own cost only** is plain's CPU "
        "per request ÷ (plain's + that added user-mode CPU): the share the variant keeps when the kernel's part (system calls and "
        "the loopback network stack, which telemetry hardly adds to but which moves with how requests batch) costs it what it cost "
        "plain. Throughput ÷ plain is the secondary figure (wrk's req/s, which the neighbours on the load core move).", "")
    report.add("| path | variant | CPU per request, runs 1 / 2 / 3 | ÷ plain (CPU), runs 1 / 2 / 3 | median | spread | target | "
               "user-mode CPU added, runs | ÷ plain, own cost only, runs | median | throughput ÷ plain, median | added p50, runs | median | flag |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    cpu_beside_p50 = []  # the second table's rows, from the same medians
    for path in paths:
        for variant in variants:
            per_run = [r[(path.name, variant)] for r in runs]
            cpu = [f["cpu"] for f in per_run]
            share = [f["cpu_share"] for f in per_run]
            rps = [f["rps_share"] for f in per_run]
            own = [f["own_cost_share"] for f in per_run]
            added_runs = [f["added_p50"] for f in per_run]
            added = median(added_runs)
            spread_points = max(share) - min(share)
            flag = f"**runs disagree by {spread_points:.1f} points**" if spread_points > 5 else ""
            target = TARGETS.get(variant)
            verdict = "" if target is None else ("met" if median(share) >= target else "**missed**")
            if target is not None and median(share) < target <= median(own):
                verdict += " (own cost: met)"
            if variant == "plain":
                own_cells = "– | – | –"
            else:
                added_user = " / ".join(f"{f['added_user']:+.1f} µs" for f in per_run)
                own_cells = f"{added_user} | {' / '.join(f'{o:.1f} %' for o in own)} | {median(own):.1f} %"
            report.add(f"| {path.label} | {variant} | {' / '.join(f'{c:.1f} µs' for c in cpu)} | {' / '.join(f'{s:.1f} %' for s in share)} | "
                       f"**{median(share):.1f} %** | {spread_points:.1f} pt | {f'≥ {target} %: {verdict}' if target else '–'} | "
                       f"{own_cells} | {median(rps):.1f} % | {'– | –' if variant == 'plain' else ' / '.join(f'{a:+.0f}' for a in added_runs) + f' µs | **{added:+.0f} µs**'} | {flag} |")
            if variant != "plain":
                report.figure(f"{path.name} {variant} ÷ plain (CPU per request)",
                              f"{median(share):.1f} % (runs {', '.join(f'{s:.1f}' for s in share)}; {median(cpu):.1f} µs vs "
                              f"{median([r[(path.name, 'plain')]['cpu'] for r in runs]):.1f} µs; own cost only {median(own):.1f} %)"
                              f"{' — ' + flag.strip('*') if flag else ''}",
                              f"≥ {target} %" if target else None, median(share) >= target if target else None)
                is_control = variant == CONTROL
                added_cpu = median([sum(f["added_p50_cpu"].values()) for f in per_run])
                by_role = {role: median([f["added_p50_cpu"][role] for f in per_run]) for role in per_run[0]["added_p50_cpu"]}
                cpu_beside_p50.append(f"| {path.label.split(':')[0]} | {variant} | {added:+.0f} µs | {added_cpu:+.0f} µs | "
                                      f"{' / '.join(f'{role} {us:+.0f} µs' for role, us in by_role.items()) if len(by_role) > 1 else '–'} |")
                report.figure(f"{path.name} {variant} added p50 (one request at a time)",
                              f"{added:+.0f} µs (runs {', '.join(f'{a:+.0f}' for a in added_runs)}; the same requests' added CPU {added_cpu:+.0f} µs)",
                              None if is_control else f"≤ {ADDED_P50_TARGET_US} µs", None if is_control else added <= ADDED_P50_TARGET_US)
    report.add("", "**Added p50 beside the CPU the same requests cost.** While the p50's requests run, the harness also reads each "
               f"service's CPU time ({shared.clock.name}) and divides it by the requests: the CPU per request one at a time, the variant's "
               f"minus plain's. Every service of a stack shares CPU {SERVER_CPU} and a request passes through them in turn, so a request's "
               "latency there is mostly the CPU it costs: an added p50 close to the added CPU is the variant's own work, not a wait. "
               "A request one at a time costs more CPU than under load (no other request shares its wake-ups or its warm caches), so "
               "these figures are above the rounds'. Medians of the runs, each column its own.", "",
               "| path | variant | added p50 | added CPU per request, all services | by service |", "|---|---|---|---|---|",
               *cpu_beside_p50)
    report.add("", f"**The machine's speed during the rounds** (`SpeedProbe`: the same small piece of work, timed on CPU {SERVER_CPU} "
               "before each path's loads): " + "; ".join(
                   f"run {n}: {s['p10']:.2f} / {s['median']:.2f} / {s['p90']:.2f} ms (p10 / median / p90), p90 {s['slower']:.0f} % slower"
                   for n, s in enumerate(speeds, 1))
               + ". With nothing else of ours on that core, this is the host's doing; a run whose p90 is tens of percent slower "
                 "than its p10 had rounds measured at different speeds.")
    if CONTROL in variants:
        control = {p.label: [r[(p.name, CONTROL)]["cpu_share"] for r in runs] for p in paths}
        report.add("", f"**The A/A control** ({CONTROL}) read " + "; ".join(
            f"{label.split(':')[0]} {median(s):.1f} % (runs {min(s):.1f}–{max(s):.1f} %)" for label, s in control.items())
            + ". Where two identical stacks disagree by that much, a variant's distance from its target within the same band is "
              "noise, not telemetry.")
    return report


def part_exporter(settings, processes, shared):
    report = Report("exporter", "1b. Prometheus exporter: OpenTelemetry vs prometheus-net", "bench/run.sh exporter")
    servers = {}
    try:
        for exporter in ("none", "otel", "promnet"):
            port = free_port()
            server = processes.start(f"exporter {exporter}", ["dotnet", startup.built("bench/exporters", "Nuzantara.Bench.Exporters")],
                                     env={"EXPORTER": exporter, "ASPNETCORE_URLS": f"http://127.0.0.1:{port}"}, cpu=SERVER_CPU)
            server.base, server.ready_path = f"http://127.0.0.1:{port}", "/api/example"
            servers[exporter] = server
        ready(*servers.values())
        warm(servers.values(), "/api/example", settings, first=True)
        series = {name: series_count(servers[name].base + "/metrics") for name in ("otel", "promnet")}
        runs = {name: {"rps": [], "scrape": []} for name in servers}
        for _ in range(settings.rounds):
            for name, server in servers.items():
                runs[name]["rps"].append(load(server, server.base + "/api/example", 32, settings.seconds)["rps"])
                if name != "none":
                    runs[name]["scrape"].append(load(server, server.base + "/metrics", 1, settings.seconds))
    finally:
        processes.stop_all()

    report.add("`bench/exporters`: one ASP.NET Core app, the same four HTTP metrics recorded by the same middleware, served by "
               "**otel** (System.Diagnostics.Metrics + OpenTelemetry.Exporter.Prometheus.AspNetCore 1.20.1-beta.1, scrape cache off, "
               "as ServiceDefaults) or **promnet** (prometheus-net.AspNetCore 8.2.1), against **none** (no metrics middleware). "
               f"Each starts with 48 label sets recorded (about {series['otel']} series). CPU {SERVER_CPU} for the app, wrk on CPU {LOAD_CPU}; "
               f"{settings.rounds} rounds of {settings.seconds} s: `GET /api/example` at 32 connections, `GET /metrics` at 1 connection.", "",
               "| exporter | series | req/s | range | request overhead vs none | scrape p50 | scrape p99 | scrape range (p50) |",
               "|---|---|---|---|---|---|---|---|")
    baseline = runs["none"]["rps"]
    for name in ("none", "otel", "promnet"):
        rps = runs[name]["rps"]
        overhead = [100 - r / b * 100 for r, b in zip(rps, baseline)]
        if name == "none":
            report.add(f"| none | – | {median(rps):,.0f} | {spread(rps)} | – | – | – | – |")
            continue
        p50 = [s["p50_us"] / 1000 for s in runs[name]["scrape"]]
        p99 = [s["p99_us"] / 1000 for s in runs[name]["scrape"]]
        report.figure(f"{name} request overhead", f"{median(overhead):.1f} %")
        report.figure(f"{name} /metrics scrape p50 ({series[name]} series)", f"{median(p50):.2f} ms")
        report.add(f"| {name} | {series[name]} | {median(rps):,.0f} | {spread(rps)} | {median(overhead):.1f} % | {median(p50):.2f} ms | "
                   f"{median(p99):.2f} ms | {spread(p50, '{:.2f}')} ms |")
    return report


def part_peer(settings, processes, shared):
    report = Report("peer", "2. Against the original design (Node.js/Express)", "bench/run.sh peer")
    sink, deps = shared.sink, shared.deps
    routes = settings.routes(["/api/example", "/health"])
    try:
        servers = {
            "ours plain": start_backend(processes, deps, False, sink),
            "ours instrumented": start_backend(processes, deps, True, sink),
            "node plain": start_node_peer(processes, False, sink),
            "node instrumented": start_node_peer(processes, True, sink),
        }
        ready(*servers.values())
        for path in routes:
            warm(servers.values(), path, settings, first=path == routes[0])
        runs = {(path, name): [] for path in routes for name in servers}
        for _ in range(settings.rounds):
            for path in routes:
                for name, server in servers.items():
                    runs[(path, name)].append(load(server, server.base + path, 32, settings.seconds))
    finally:
        processes.stop_all()

    report.add(f"Each server alone on CPU {SERVER_CPU} (taskset; node too, so its GC and libuv threads share the core), wrk on CPU {LOAD_CPU} "
               f"at 32 connections, {settings.rounds} rounds of {settings.seconds} s with the four servers loaded in turn. The peer "
               "(`bench/peers/node`): Express 5, prom-client with the same four metrics, OpenTelemetry NodeSDK with http + express "
               "instrumentation and the OTLP/HTTP exporter to the same sink, @sentry/node with the same local DSN. Our `/health` "
               "also reports Redis and PostgreSQL (shared checks, fresh for 1 s); the peer's has no dependencies to ask.", "",
               "| route | server | req/s per core | range | p99 | CPU per request |", "|---|---|---|---|---|---|")
    for (path, name), values in runs.items():
        rps = [v["rps"] for v in values]
        report.add(f"| `{path}` | {name} | {median(rps):,.0f} | {spread(rps)} | {median([v['p99_us'] for v in values]) / 1000:.2f} ms | "
                   f"{median([v['cpu_us_per_request'] for v in values]):.1f} µs |")
    report.add("", "| route | ours instr. ÷ node instr. (req/s per core) | target | ours: instr. ÷ plain | node: instr. ÷ plain | "
               "node's loss ÷ ours | target |", "|---|---|---|---|---|---|---|")
    for path in routes:
        def per_round(name):
            return [v["rps"] for v in runs[(path, name)]]
        speedup = [o / n for o, n in zip(per_round("ours instrumented"), per_round("node instrumented"))]
        ours = [i / p for i, p in zip(per_round("ours instrumented"), per_round("ours plain"))]
        node = [i / p for i, p in zip(per_round("node instrumented"), per_round("node plain"))]
        ours_loss, node_loss = 1 - median(ours), 1 - median(node)
        # A loss within noise (≤ 0.5 %) cannot be divided by: report it as such rather than as a huge ratio.
        closeness = node_loss / ours_loss if ours_loss > 0.005 else float("inf")
        closeness_text = f"{closeness:.1f}×" if closeness != float("inf") else "ours within noise of 1"
        v1 = report.figure(f"{path} ours instrumented ÷ node instrumented req/s per core", f"{median(speedup):.1f}× "
                           f"(range {spread(speedup, '{:.1f}')})", "≥ 10×", median(speedup) >= 10)
        v2 = report.figure(f"{path} overhead closeness to 1 (node's loss ÷ ours)", f"{closeness_text} "
                           f"(ours {median(ours):.3f}, node {median(node):.3f})", "≥ 5×", closeness >= 5)
        report.add(f"| `{path}` | **{median(speedup):.1f}×** ({spread(speedup, '{:.1f}')}) | ≥ 10×: {v1} | "
                   f"{median(ours):.3f} | {median(node):.3f} | **{closeness_text}** | ≥ 5×: {v2} |")
    return report


def part_health(settings, processes, shared):
    report = Report("health", "3. /health under load and /metrics scrape time", "bench/run.sh health")
    sink, deps = shared.sink, shared.deps
    try:
        backend = ready(start_backend(processes, deps, True, sink))
        document = cached_document(backend)
        # A realistic /metrics: every route and status the backend serves has been seen, as after a day of traffic.
        for method, path, body in [("GET", "/api/example", None), ("GET", document, None), ("GET", "/api/documents/999999", None),
                                   ("GET", "/api/documents?tag=bench", None), ("POST", "/api/documents", {"title": ""}),
                                   ("GET", "/health/ready", None), ("GET", "/nowhere", None)]:
            with contextlib.suppress(urllib.error.HTTPError):
                http(method, backend.base + path, body)
        warm([backend], "/health", settings, first=True)
        series = series_count(backend.base + "/metrics")
        health, scrape = [], []
        for _ in range(settings.rounds):
            health.append(load(backend, backend.base + "/health", 32, settings.seconds))
            scrape.append(load(backend, backend.base + "/metrics", 1, settings.seconds))
    finally:
        processes.stop_all()

    p99 = [h["p99_us"] / 1000 for h in health]
    scrape50 = [s["p50_us"] / 1000 for s in scrape]
    scrape99 = [s["p99_us"] / 1000 for s in scrape]
    report.add(f"The instrumented backend (as in part 1) on CPU {SERVER_CPU}, with Redis and PostgreSQL up (so `/health` runs its "
               f"dependency checks), wrk on CPU {LOAD_CPU}; {settings.rounds} rounds of {settings.seconds} s. `/metrics` after every route "
               f"and status has been seen once: {series} series (ASP.NET Core, HttpClient, runtime, Npgsql, cache and the four HTTP metrics).", "",
               "| figure | median | range | target |", "|---|---|---|---|")
    v1 = report.figure("/health p99 at 32 connections", f"{median(p99):.2f} ms", "≤ 5 ms", median(p99) <= 5)
    report.add(f"| `/health` p99, 32 connections | **{median(p99):.2f} ms** | {spread(p99, '{:.2f}')} ms | ≤ 5 ms: {v1} |",
               f"| `/health` req/s, 32 connections | {median([h['rps'] for h in health]):,.0f} | {spread([h['rps'] for h in health])} | – |")
    v2 = report.figure(f"/metrics scrape p50 ({series} series)", f"{median(scrape50):.2f} ms", "≤ 5 ms", median(scrape50) <= 5)
    report.add(f"| `/metrics` scrape p50 ({series} series) | **{median(scrape50):.2f} ms** | {spread(scrape50, '{:.2f}')} ms | ≤ 5 ms: {v2} |",
               f"| `/metrics` scrape p99 | {median(scrape99):.2f} ms | {spread(scrape99, '{:.2f}')} ms | – |")
    return report


def part_apphost(settings, processes, shared):
    report = Report("apphost", "4. The AppHost: start, Ctrl+C, memory", "bench/run.sh apphost")
    result = startup.measure(settings.apphost_runs, warmup=not settings.smoke, settle=0 if settings.smoke else 2, compare_il=not settings.smoke)
    floors = result["floor_s"]
    slowest = max(floors, key=floors.get)
    healthy, stopped, rss = result["healthy_s"], result["stopped_s"], result["rss_mb"]
    report.add(f"`bench/apphost/startup.py`: the built AppHost (`dotnet Nuzantara.AppHost.dll`, Release, no build in the timed path, "
               f"ports randomised, one state directory), {len(healthy)} runs after one warm-up run. Start: process spawn to the AppHost's "
               "\"resources healthy in\" line. Stop: SIGINT to the AppHost process (what Ctrl+C sends) to its exit, every resource stopped. "
               "RSS of the AppHost process 2 s after all healthy. Not pinned: the AppHost starts a dozen processes.", "",
               "| figure | median | range | target |", "|---|---|---|---|")
    for name, values, unit, target, limit in [("start to all healthy", healthy, "s", "≤ 3 s", 3), ("Ctrl+C to all stopped", stopped, "s", "≤ 2 s", 2),
                                              ("AppHost RSS, all running", rss, "MB", "≤ 120 MB", 120)]:
        verdict = report.figure(name, f"{median(values):.2f} {unit}", target, median(values) <= limit)
        report.add(f"| {name} | **{median(values):.2f} {unit}** | {spread(values, '{:.2f}')} {unit} | {target}: {verdict} |")
    report.figure(f"floor (slowest single resource alone: {slowest})", f"{floors[slowest]:.2f} s")
    report.figure("start to all healthy ÷ floor", f"{median(healthy) / floors[slowest]:.1f}×")
    report.figure("processes left after Ctrl+C", str(result["leftovers"]))
    report.add("", "Floor, each resource started alone and polled until ready (the backend with Redis and PostgreSQL already up): "
               + ", ".join(f"{k} {v:.2f} s" for k, v in floors.items())
               + f". Start to all healthy is **{median(healthy) / floors[slowest]:.1f}×** the slowest ({slowest}). "
               f"Processes left after Ctrl+C, all runs: **{result['leftovers']}**.")
    if result["backend_il_only_s"] is not None:
        il_only = result["backend_il_only_s"]
        report.figure("backend to ready, built IL only (no ReadyToRun)", f"{il_only:.2f} s")
        report.add("", f"The backend as built (ReadyToRun, `eng/ReadyToRunOnBuild.targets`) against the same built IL only "
                   f"(`-p:ReadyToRunOnBuild=false`), alternately, medians of 5: **{floors['backend (ready)']:.2f} s** against "
                   f"**{il_only:.2f} s** to ready.")
    return report


def part_scale(settings, processes, shared):
    report = Report("scale", "7. Scale: connections, and a second replica", "bench/run.sh scale")
    sink, deps = shared.sink, shared.deps
    connections = [1, 8, 32, 128]
    try:
        backend = ready(start_backend(processes, deps, True, sink))
        document = cached_document(backend)
        warm([backend], document, settings, first=True)
        curve = {c: [] for c in connections}
        for _ in range(settings.rounds):
            for c in connections:
                curve[c].append(load(backend, backend.base + document, c, settings.seconds))
        # Replicas: the engine has none, so two standalone backends (same Redis and PostgreSQL) with one wrk each, against
        # one backend taking both wrk processes. Nothing is pinned: this asks what the machine as a whole gets.
        processes.stop(backend)
        replicas = ready(*[start_backend(processes, deps, True, sink, cpu=None) for _ in range(2)])
        document = cached_document(replicas[0])
        warm(replicas, document, settings, first=True)
        one, two = [], []
        for _ in range(settings.rounds):
            for targets, runs in (([replicas[0], replicas[0]], one), (replicas, two)):
                results = concurrent_wrk([t.base + document for t in targets], 64, settings.seconds)
                runs.append((sum(r["rps"] for r in results), max(r["p99_us"] for r in results)))
    finally:
        processes.stop_all()

    report.add(f"The instrumented backend, `GET /api/documents/{{id}}` (cache hit), on CPU {SERVER_CPU}, wrk on CPU {LOAD_CPU}, "
               f"{settings.rounds} rounds of {settings.seconds} s per point.", "",
               "| connections | req/s | range | p50 | p99 | CPU per request |", "|---|---|---|---|---|---|")
    for c in connections:
        rps = [r["rps"] for r in curve[c]]
        p99 = median([r["p99_us"] for r in curve[c]]) / 1000
        report.figure(f"{c} connections", f"{median(rps):,.0f} req/s, p99 {p99:.2f} ms")
        report.add(f"| {c} | {median(rps):,.0f} | {spread(rps)} | {median([r['p50_us'] for r in curve[c]]) / 1000:.2f} ms | {p99:.2f} ms | "
                   f"{median([r['cpu_us_per_request'] for r in curve[c]]):.1f} µs |")
    gain = [t[0] / o[0] for o, t in zip(one, two)]
    report.figure("second replica: two backends ÷ one (total req/s, whole machine)", f"{median(gain):.2f}× (range {spread(gain, '{:.2f}')})")
    report.add("", "A second replica: the engine has no replicas API (one process per resource), so the orchestrator cannot balance "
               "over two backends either. Upper bound measured instead: two standalone backends on the same Redis and PostgreSQL, "
               "a wrk of 64 connections on each at once, against one backend taking both wrk processes; nothing pinned.", "",
               "| setup | total req/s | range | worst p99 |", "|---|---|---|---|",
               f"| one backend | {median([o[0] for o in one]):,.0f} | {spread([o[0] for o in one])} | {median([o[1] for o in one]) / 1000:.2f} ms |",
               f"| two backends | {median([t[0] for t in two]):,.0f} | {spread([t[0] for t in two])} | {median([t[1] for t in two]) / 1000:.2f} ms |",
               f"| two ÷ one | **{median(gain):.2f}×** | {spread(gain, '{:.2f}')} | |")
    return report


def concurrent_wrk(urls, connections, seconds):
    """wrk against each url at once, unpinned; the results in the same order."""
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", os.path.join(BENCH, "lib", "wrk.lua")]
    running = [subprocess.Popen(argv + [url], stdout=subprocess.PIPE, text=True) for url in urls]
    results = [json.loads(p.communicate(timeout=seconds + 30)[0].strip().splitlines()[-1]) for p in running]
    for result in results:
        result["rps"] = result["requests"] / result["seconds"]
        if result["errors"]:
            raise RuntimeError(f"{result['errors']} failed requests")
    return results


# ---------------------------------------------------------------- BENCHMARKS.md


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
    versions = []
    for tool in (["dotnet", "--version"], ["node", "--version"]):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            versions.append(f"{tool[0]} {subprocess.run(tool, capture_output=True, text=True, check=True).stdout.strip()}")
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0].strip()
    return f"{os.cpu_count()} cores, {model}, Linux {platform.release()}; {', '.join(versions)}, {wrk_version}"


def write_benchmarks():
    sections = []
    # containers: bench/containers/runtimes.py, run on its own (it owns the private container engine).
    for part in [*PARTS, "containers"]:
        result = os.path.join(BENCH, "results", f"{part}.md")
        notes = os.path.join(BENCH, "notes", f"{part}.md")
        sections.append(open(result).read() if os.path.exists(result) else f"## {part}\n\nNot run yet: `bench/run.sh {part}`.\n")
        if os.path.exists(notes):
            sections.append(open(notes).read())
    with open(os.path.join(BENCH, "BENCHMARKS.md"), "w") as out:
        out.write(open(os.path.join(BENCH, "notes", "header.md")).read().replace("{machine}", machine()))
        out.write("\n" + "\n".join(sections))


RUNNERS = {"instrumentation": part_instrumentation, "exporter": part_exporter, "peer": part_peer,
           "health": part_health, "apphost": part_apphost, "scale": part_scale}


def build(parts):
    """Builds of what the chosen parts run (incremental, so cheap when nothing changed); the peer's npm packages."""
    projects = []
    if set(parts) & {"instrumentation", "peer", "health", "apphost", "scale"}:
        projects.append(os.path.join(ROOT, "Nuzantara.AppHost"))  # builds the backend with it
    if "exporter" in parts:
        projects.append(os.path.join(BENCH, "exporters"))
    for project in projects:
        subprocess.run(["dotnet", "build", project, "-c", startup.CONFIGURATION, "-v", "q", "-nologo", "-clp:ErrorsOnly"], check=True, stdout=subprocess.DEVNULL)
    if "peer" in parts and not os.path.isdir(os.path.join(NODE_PEER, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_PEER, check=True)


def interrupted(*_):
    raise KeyboardInterrupt


def main(argv):
    smoke = "--smoke" in argv
    parts = [a for a in argv if a != "--smoke"] or PARTS
    unknown = [p for p in parts if p not in RUNNERS]
    if unknown:
        raise SystemExit(f"unknown part {unknown}: choose from {' '.join(PARTS)}")
    # SIGTERM (a test's time bound, a CI cancel) unwinds like Ctrl+C, so every bench stops what it started.
    signal.signal(signal.SIGTERM, interrupted)
    settings = Settings(smoke)
    startup.CONFIGURATION = "Debug" if smoke else "Release"
    build(parts)
    print(f"machine: {machine()}" + ("  (smoke: timings are meaningless)" if smoke else ""), flush=True)
    shared = Shared()
    try:
        for part in parts:
            processes = Processes()
            started = time.monotonic()
            try:
                report = RUNNERS[part](settings, processes, shared)
            finally:
                processes.stop_all()
            print(f"[{part}] done in {time.monotonic() - started:.0f} s", flush=True)
            if not smoke:
                os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
                with open(os.path.join(BENCH, "results", f"{part}.md"), "w") as out:
                    out.write(report.markdown())
    finally:
        shared.stop()
    if not smoke:
        write_benchmarks()
        print("wrote bench/BENCHMARKS.md", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
