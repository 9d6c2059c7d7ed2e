#!/usr/bin/env python3
"""AppHost cold start to all-healthy, Ctrl+C to all-stopped, and AppHost RSS, against the floor.

Runs the built AppHost (no build in the timed path) RUNS times on ports of its own (--Nuzantara:RandomizePorts)
with one state directory, as a developer's repeated `dotnet run` would. The floor is the slowest single
resource's own readiness, measured alone: the same binary started directly and polled until it answers.
Only the standard library: run it with Debian's /usr/bin/python3.
"""
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
APPHOST = os.path.join(ROOT, "Nuzantara.AppHost", "bin", "Release", "net10.0", "Nuzantara.AppHost.dll")
RUNS = int(os.environ.get("RUNS", "7"))


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_once(state_dir):
    started = time.monotonic()
    process = subprocess.Popen(
        ["dotnet", APPHOST, "--Nuzantara:LiveConsole=false", "--Nuzantara:EchoResourceLogs=false",
         "--Nuzantara:RandomizePorts=true", f"--Nuzantara:StateDirectory={state_dir}",
         f"--Nuzantara:SecretsPath={state_dir}/secrets.json"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    healthy_after = None
    for line in process.stdout:
        if "resources healthy in" in line:
            healthy_after = time.monotonic() - started
            break
        if "failed, after" in line:
            process.kill()
            raise SystemExit(f"startup failed: {line.strip()}")
    time.sleep(2)  # let the steady state settle before reading memory
    rss = rss_mb(process.pid)
    stop_started = time.monotonic()
    process.send_signal(signal.SIGINT)
    process.stdout.read()
    process.wait(timeout=30)
    stopped_after = time.monotonic() - stop_started
    with open(os.path.join(state_dir, "processes.json")) as recorded:
        leftovers = [p for p in json.load(recorded) if os.path.exists(f"/proc/{p['ProcessId']}")]
    return healthy_after, stopped_after, rss, leftovers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, started, timeout=30):
    """Seconds from `started` (just before the process was spawned) until `check` passes."""
    while time.monotonic() - started < timeout:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.005)
    raise SystemExit("a resource did not become ready alone")


def http_ok(url):
    return lambda: urllib.request.urlopen(url, timeout=1).status == 200


def tcp_answers(port, payload, expect):
    def check():
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(payload)
            return expect in s.recv(64)
    return check


def floor():
    """Each resource started directly and timed to readiness; the floor is the slowest."""
    times = {}
    work = tempfile.mkdtemp(prefix="nuzantara-floor-")
    port = free_port()
    started = time.monotonic()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""], stdout=subprocess.DEVNULL)
    times["redis"] = wait_until(tcp_answers(port, b"PING\r\n", b"PONG"), started)
    redis.terminate()

    # PostgreSQL from an initialised cluster (initdb is a first-run cost, not a start cost).
    bindir = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
    pg = f"/usr/lib/postgresql/{bindir}/bin"
    as_postgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] if os.geteuid() == 0 else []
    data = os.path.join(work, "pg")
    os.makedirs(data)
    if as_postgres:
        subprocess.run(["chown", "-R", "postgres:postgres", work], check=True)
    subprocess.run(as_postgres + [f"{pg}/initdb", "-D", data, "-U", "postgres", "--auth=trust"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    started = time.monotonic()
    postgres = subprocess.Popen(as_postgres + [f"{pg}/postgres", "-D", data, "-p", str(port), "-c", "listen_addresses=127.0.0.1", "-k", work],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times["postgres"] = wait_until(lambda: subprocess.run([f"{pg}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)]).returncode == 0, started)
    postgres.send_signal(signal.SIGINT)

    port = free_port()
    backend = os.path.join(ROOT, "Nuzantara.Backend", "bin", "Release", "net10.0", "Nuzantara.Backend.dll")
    started = time.monotonic()
    service = subprocess.Popen(["dotnet", backend], env={**os.environ, "ASPNETCORE_URLS": f"http://127.0.0.1:{port}"},
                               cwd=os.path.dirname(backend), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times["backend (live)"] = wait_until(http_ok(f"http://127.0.0.1:{port}/health/live"), started)
    service.terminate()

    port = free_port()
    started = time.monotonic()
    python = subprocess.Popen(["/usr/bin/python3", "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=os.path.join(ROOT, "Nuzantara.PythonBackend"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times["python-backend (live)"] = wait_until(http_ok(f"http://127.0.0.1:{port}/health/live"), started)
    python.terminate()

    for process in (redis, postgres, service, python):
        process.wait()
    return times


def main():
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Nuzantara.AppHost"), "-c", "Release", "-v", "q", "-nologo"], check=True)
    with tempfile.TemporaryDirectory(prefix="nuzantara-bench-") as state_dir:
        run_once(state_dir)  # warm-up: installs, initdb, first JIT of the disk cache
        results = [run_once(state_dir) for _ in range(RUNS)]
    healthy = [r[0] for r in results]
    stopped = [r[1] for r in results]
    rss = [r[2] for r in results]
    leftovers = sum(len(r[3]) for r in results)
    floors = floor()
    slowest = max(floors.values())

    def row(name, values, unit, target):
        print(f"| {name} | {statistics.median(values):.2f} {unit} | {min(values):.2f}–{max(values):.2f} | {target} |")

    print(f"\nAppHost, {RUNS} runs after one warm-up ({os.cpu_count()} cores)\n")
    print("| measure | median | range | target |\n|---|---|---|---|")
    row("start to all healthy", healthy, "s", "≤ 5 s")
    row("Ctrl+C to all stopped", stopped, "s", "≤ 2 s")
    row("AppHost RSS, all running", rss, "MB", "≤ 150 MB")
    print(f"\nFloor (each resource alone): " + ", ".join(f"{k} {v:.2f} s" for k, v in floors.items()))
    print(f"Start to all healthy ÷ slowest single resource: {statistics.median(healthy) / slowest:.1f}×")
    print(f"Processes left after Ctrl+C: {leftovers}")


if __name__ == "__main__":
    sys.exit(main())
