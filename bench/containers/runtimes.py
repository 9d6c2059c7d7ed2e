#!/usr/bin/env python3
"""The container runtime against the process runtime, side by side in one run, and the offline images.

    bench/containers/runtimes.py [--cold] [ROUNDS]

Starts a private Docker engine (images/engine.sh), builds the offline images into it (images/build.sh; --cold
rebuilds them all first with --force and times that), then runs the built AppHost ROUNDS times in each runtime,
alternating process and container so that both see the same machine state: time from start to all-healthy and from
SIGINT to all-stopped, and the AppHost's containers left afterwards (must be none). Writes bench/results/containers.md,
which bench/BENCHMARKS.md includes. Images are present throughout: the time to make them is measured on its own.
Needs root. Not part of `bench/run.sh`: it owns the private engine, which the tests start too.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "apphost"))
import startup  # noqa: E402  (bench/apphost/startup.py: one AppHost start and stop, timed)


def timed(command, env):
    started = time.monotonic()
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - started


def containers_left(env, state_root):
    """This bench's AppHosts' containers still in the engine, running or not (each carries its state directory)."""
    listed = subprocess.run(["docker", "ps", "-a", "--filter", "label=nuzantara.apphost", "--format", '{{.Label "nuzantara.state-directory"}}'],
                            env=env, capture_output=True, text=True, check=True).stdout.split()
    return [state for state in listed if state.startswith(state_root)]


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    cold = "--cold" in sys.argv
    load_before = os.getloadavg()[0]
    rounds = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Nuzantara.AppHost"), "-c", "Release", "-v", "q", "-nologo"], check=True)
    docker_host = subprocess.run([os.path.join(ROOT, "images", "engine.sh"), "start"], check=True, capture_output=True, text=True).stdout.split()[-1]
    env = {**os.environ, "DOCKER_HOST": docker_host}
    try:
        build = os.path.join(ROOT, "images", "build.sh")
        cold_s = timed([build, "--force"], env) if cold else None
        cached_s = timed([build], env)
        sizes = subprocess.run([build, "--list"], env=env, capture_output=True, text=True, check=True).stdout

        results = {"process": [], "container": []}
        runtimes = {"process": ["--runtime", "process"], "container": ["--runtime", "container", f"--DOCKER_HOST={docker_host}"]}
        # cAdvisor has no Debian package, so without a registry its container cannot start: the other 11 are timed.
        allowed_failures = {"process": 0, "container": 1}
        with tempfile.TemporaryDirectory(prefix="nuzantara-bench-") as state_root:
            os.chmod(state_root, 0o755)
            for name, args in runtimes.items():  # warm-up: initdb, first JIT, disk cache
                os.makedirs(os.path.join(state_root, name))
                startup.run_once(os.path.join(state_root, name), settle=0, extra_args=args, allowed_failures=allowed_failures[name])
            for _ in range(rounds):
                for name, args in runtimes.items():
                    healthy, stopped, _, leftovers = startup.run_once(os.path.join(state_root, name), settle=0, extra_args=args,
                                                                       allowed_failures=allowed_failures[name])
                    results[name].append((healthy, stopped, len(leftovers) + len(containers_left(env, state_root))))
            # Named volumes (PostgreSQL's data) stay by design; the bench's own go with it.
            volumes = subprocess.run(["docker", "volume", "ls", "-q", "--filter", "name=nuzantara-"], env=env, capture_output=True, text=True).stdout.split()
            subprocess.run(["docker", "volume", "rm", *volumes], env=env, capture_output=True)
    finally:
        subprocess.run([os.path.join(ROOT, "images", "engine.sh"), "stop"], check=False)

    process_healthy = median([r[0] for r in results["process"]])
    container_healthy = median([r[0] for r in results["container"]])
    container_stopped = median([r[1] for r in results["container"]])
    lines = [
        "## 8. The container runtime against the process runtime",
        "",
        f"`bench/containers/runtimes.py{' --cold' if cold else ''} {rounds}` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average before the run {load_before:.2f}",
        "",
        "The built AppHost (Release) in each runtime, alternating, on one private dockerd (`images/engine.sh`) with the images "
        "present; start: spawn to the line that says every resource settled (in containers cAdvisor fails, no image of it can be "
        "made here, so 11 of 12 are healthy); stop: SIGINT to exit; left: processes and containers of the bench's AppHosts "
        "still there afterwards.",
        "",
        f"| runtime | start to all healthy (median of {rounds}) | range | Ctrl+C to all stopped (median) | range | left |",
        "|---|---|---|---|---|---|",
    ]
    for name, rows in results.items():
        healthy, stopped = [r[0] for r in rows], [r[1] for r in rows]
        lines.append(f"| {name} | **{median(healthy):.2f} s** ({median(healthy) / process_healthy:.2f}× process) | {min(healthy):.2f}–{max(healthy):.2f} s "
                     f"| **{median(stopped):.2f} s** | {min(stopped):.2f}–{max(stopped):.2f} s | {sum(r[2] for r in rows)} |")
    lines += [
        "",
        f"Targets: healthy within 2× the process runtime: {'met' if container_healthy <= 2 * process_healthy else 'missed'} "
        f"({container_healthy / process_healthy:.2f}×); stopped within 2 s: {'met' if container_stopped <= 2 else 'missed'} ({container_stopped:.2f} s).",
        "",
        "| images (`images/build.sh`) | time | target |",
        "|---|---|---|",
    ]
    if cold_s is not None:
        lines.append(f"| cold: debootstrap and every image (`--force`) | **{cold_s:.0f} s** | ≤ 300 s: {'met' if cold_s <= 300 else 'missed'} |")
    lines += [
        f"| cached: every image found current | **{cached_s:.1f} s** | ≤ 10 s: {'met' if cached_s <= 10 else 'missed'} |",
        "",
        "```",
        sizes.rstrip(),
        "```",
        "",
    ]
    report = "\n".join(lines)
    with open(os.path.join(HERE, "..", "results", "containers.md"), "w") as out:
        out.write(report)
    print(report)


if __name__ == "__main__":
    main()
