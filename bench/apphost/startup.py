#!/usr/bin/env python3
"""AppHost cold start to all-healthy, Ctrl+C to all-stopped, and AppHost RSS, against the floor.

Runs the built AppHost (no build in the timed path) RUNS times on ports of its own (--Nuzantara:RandomizePorts)
with one state directory, as a developer's repeated `dotnet run` would. The floor is the slowest single
resource's own readiness, measured alone: the same binary started directly and polled until it answers
(the backend with its Redis and PostgreSQL already up, since it cannot be ready without them).
Only the standard library: run it with Debian's /usr/bin/python3. bench/run.sh apphost calls measure().
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Release for measuring; bench/run.sh --smoke takes the Debug build that `dotnet test` has already made.
CONFIGURATION = "Release"


def built(project, assembly=None):
    """The built assembly of a project folder (relative to the repository root); the services precompiled on build
    (eng/ReadyToRunOnBuild.targets) have it in their runtime identifier's folder. Of the candidates, the one written
    last: a runtime identifier's folder left by an earlier `dotnet publish -r` or build would otherwise be measured
    in place of the current build (it was, for the AppHost, on 2026-12-05)."""
    output = os.path.join(ROOT, project, "bin", CONFIGURATION, "net10.0")
    name = f"{assembly or os.path.basename(project)}.dll"
    candidates = [os.path.join(output, name)] + ([os.path.join(output, d, name) for d in os.listdir(output)] if os.path.isdir(output) else [])
    present = [c for c in candidates if os.path.isfile(c)]
    return max(present, key=os.path.getmtime) if present else candidates[0]


def default_sigint():
    """A shell running us in the background ignores SIGINT, and children inherit that: give the AppHost back Ctrl+C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(process, sig=signal.SIGTERM, timeout=30):
    """Ask politely and wait, so the AppHost (or a resource) stops what it started; SIGKILL would orphan its children."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_once(state_dir, settle=2, extra_args=(), allowed_failures=0):
    """One start to all-healthy and Ctrl+C to all-stopped; `extra_args` go to the AppHost (e.g. --runtime container).
    `allowed_failures` resources may fail to start (cAdvisor where no image of it can be had) without failing the run."""
    started = time.monotonic()
    process = subprocess.Popen(
        ["dotnet", built("Nuzantara.AppHost"), "--Nuzantara:LiveConsole=false", "--Nuzantara:EchoResourceLogs=false",
         "--Nuzantara:RandomizePorts=true", f"--Nuzantara:StateDirectory={state_dir}",
         f"--Nuzantara:SecretsPath={state_dir}/secrets.json", *extra_args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, preexec_fn=default_sigint)
    try:
        healthy_after = None
        for line in process.stdout:
            failed = re.search(r"(\d+) failed, after", line)
            if "resources healthy in" in line or (failed and int(failed.group(1)) <= allowed_failures):
                healthy_after = time.monotonic() - started
                break
            if failed:
                raise RuntimeError(f"startup failed: {line.strip()}")
        if healthy_after is None:
            raise RuntimeError(f"the AppHost exited ({process.wait()}) before all resources were healthy")
        time.sleep(settle)  # let the steady state settle before reading memory
        rss = rss_mb(process.pid)
    except BaseException:
        stop(process)
        raise
    stop_started = time.monotonic()
    process.send_signal(signal.SIGINT)
    process.stdout.read()
    process.wait(timeout=30)
    stopped_after = time.monotonic() - stop_started
    with open(os.path.join(state_dir, "processes.json")) as recorded:
        leftovers = [p for p in json.load(recorded) if os.path.exists(f"/proc/{p['ProcessId']}")]
    return healthy_after, stopped_after, rss, leftovers


_handed_out = set()


def free_port():
    """A port the OS just had free and this run has not handed out before: the OS may give the same port again as soon as
    the probe closes, and the benches start several servers before any of them listens (as PortAllocator.FreePort)."""
    for _ in range(1000):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port
    raise RuntimeError(f"no free port on 127.0.0.1 that this run has not used already ({len(_handed_out)} handed out)")


def wait_until(check, started, what, timeout=30):
    """Seconds from `started` (just before the process was spawned) until `check` passes."""
    while time.monotonic() - started < timeout:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{what} did not become ready alone within {timeout} s")


def http_ok(url):
    return lambda: urllib.request.urlopen(url, timeout=1).status == 200


def tcp_answers(port, payload, expect):
    def check():
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(payload)
            return expect in s.recv(64)
    return check


def il_only_backend(work):
    """The backend built without ReadyToRun, into `work`: what a service's start costs when its packages' code is JIT-compiled."""
    output = os.path.join(work, "backend-il")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Nuzantara.Backend"), "-c", CONFIGURATION, "-p:ReadyToRunOnBuild=false", "-o", output,
                    "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(output, "Nuzantara.Backend.dll")


def floor(backend_rounds=5, compare_il=True):
    """Each resource started directly and timed to readiness; the floor is the slowest. The backend is timed
    `backend_rounds` times as built (precompiled) and, with `compare_il`, IL only, alternately: the medians, and the IL
    one apart (it is not part of the floor)."""
    times = {}
    running = []
    # PostgreSQL runs as its own user, which must be able to enter this folder (mkdtemp makes it 0700).
    work = tempfile.mkdtemp(prefix="nuzantara-floor-")
    os.chmod(work, 0o755)
    try:
        redis_port = free_port()
        started = time.monotonic()
        running.append((subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                                         stdout=subprocess.DEVNULL), signal.SIGTERM))
        times["redis"] = wait_until(tcp_answers(redis_port, b"PING\r\n", b"PONG"), started, "redis")

        # PostgreSQL from an initialised cluster (initdb is a first-run cost, not a start cost).
        pg = f"/usr/lib/postgresql/{max(os.listdir('/usr/lib/postgresql'), key=int)}/bin"
        as_postgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] if os.geteuid() == 0 else []
        data = os.path.join(work, "pg")
        os.makedirs(data)
        if as_postgres:
            subprocess.run(["chown", "-R", "postgres:postgres", work], check=True)
        subprocess.run(as_postgres + [f"{pg}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
        pg_port = free_port()
        started = time.monotonic()
        # SIGINT is PostgreSQL's fast shutdown.
        running.append((subprocess.Popen(as_postgres + [f"{pg}/postgres", "-D", data, "-p", str(pg_port), "-c", "listen_addresses=127.0.0.1", "-k", work],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), signal.SIGINT))
        times["postgres"] = wait_until(lambda: subprocess.run([f"{pg}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(pg_port)]).returncode == 0,
                                       started, "postgres")

        # The backend cannot be ready without its dependencies: they are up, so this times the backend itself, as built
        # (precompiled, eng/ReadyToRunOnBuild.targets) and built IL only, alternately.
        env = {**os.environ, "ConnectionStrings__redis": f"127.0.0.1:{redis_port}",
               "ConnectionStrings__nuzantara": f"Host=127.0.0.1;Port={pg_port};Username=postgres;Database=postgres"}
        variants = {"backend (ready)": built("Nuzantara.Backend")}
        if compare_il:
            variants["IL only"] = il_only_backend(work)
        readiness = {name: [] for name in variants}
        for _ in range(backend_rounds):
            for name, dll in variants.items():
                port = free_port()
                started = time.monotonic()
                backend = subprocess.Popen(["dotnet", dll], env={**env, "ASPNETCORE_URLS": f"http://127.0.0.1:{port}"}, cwd=os.path.dirname(dll),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    readiness[name].append(wait_until(http_ok(f"http://127.0.0.1:{port}/health/ready"), started, name))
                finally:
                    stop(backend)
        times["backend (ready)"] = statistics.median(readiness["backend (ready)"])
        il_only = statistics.median(readiness["IL only"]) if compare_il else None

        port = free_port()
        started = time.monotonic()
        running.append((subprocess.Popen(["/usr/bin/python3", "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1", "--port", str(port)],
                                         cwd=os.path.join(ROOT, "Nuzantara.PythonBackend"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                         signal.SIGTERM))
        times["python-backend (live)"] = wait_until(http_ok(f"http://127.0.0.1:{port}/health/live"), started, "python-backend")
    finally:
        for process, sig in reversed(running):  # dependents first
            stop(process, sig)
        shutil.rmtree(work, ignore_errors=True)
    return times, il_only


def measure(runs, warmup=True, settle=2, compare_il=True):
    """The AppHost `runs` times (after one warm-up run: installs, initdb, first JIT and disk cache), then the floor."""
    with tempfile.TemporaryDirectory(prefix="nuzantara-bench-") as state_dir:
        os.chmod(state_dir, 0o755)
        if warmup:
            run_once(state_dir, settle)
        results = [run_once(state_dir, settle) for _ in range(runs)]
    floors, il_only = floor(backend_rounds=5 if compare_il else 1, compare_il=compare_il)
    return {
        "healthy_s": [r[0] for r in results],
        "stopped_s": [r[1] for r in results],
        "rss_mb": [r[2] for r in results],
        "leftovers": sum(len(r[3]) for r in results),
        "floor_s": floors,
        "backend_il_only_s": il_only,
    }


def main():
    runs = int(os.environ.get("RUNS", "7"))
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Nuzantara.AppHost"), "-c", "Release", "-v", "q", "-nologo"], check=True)
    result = measure(runs)
    floors = result["floor_s"]

    def row(name, values, unit, target):
        print(f"| {name} | {statistics.median(values):.2f} {unit} | {min(values):.2f}–{max(values):.2f} | {target} |")

    print(f"\nAppHost, {runs} runs after one warm-up ({os.cpu_count()} cores)\n")
    print("| measure | median | range | target |\n|---|---|---|---|")
    row("start to all healthy", result["healthy_s"], "s", "≤ 3 s")
    row("Ctrl+C to all stopped", result["stopped_s"], "s", "≤ 2 s")
    row("AppHost RSS, all running", result["rss_mb"], "MB", "≤ 120 MB")
    print("\nFloor (each resource alone): " + ", ".join(f"{k} {v:.2f} s" for k, v in floors.items()))
    print(f"The backend built IL only (no ReadyToRun): {result['backend_il_only_s']:.2f} s to ready")
    print(f"Start to all healthy ÷ slowest single resource: {statistics.median(result['healthy_s']) / max(floors.values()):.1f}×")
    print(f"Processes left after Ctrl+C: {result['leftovers']}")


if __name__ == "__main__":
    sys.exit(main())
