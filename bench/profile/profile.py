#!/usr/bin/env python3
"""Where a variant's extra CPU goes, per request: perf samples of a plain backend and one of part 1's variants under load.

    bench/profile.sh [SECONDS] [example|cache-hit|write] [instrumented|"traces off"|"production sampling"]
    (installs Debian's linux-perf first; by default 10 s of /api/example, instrumented)

Starts Redis, PostgreSQL and the sink as bench/run.sh does, then a plain backend and one of the variant (part 1's
environment: "instrumented" traces every request), both with the bench's runtime settings and two more for perf:
DOTNET_PerfMapEnabled=1, so the runtime names its JIT-compiled methods in /tmp/perf-PID.map, and
DOTNET_EnableWriteXorExecute=0, without which that code runs from a double-mapped memfd that perf cannot match to the map.
Both get the same warm-up, then `perf record -e cpu-clock` samples each for SECONDS of load at 16 connections, plain and
the variant in turn, twice. Prints the CPU per request by where it went (the kernel, JIT-compiled .NET code, the runtime,
libc…) and the methods the variant spends more self time on than plain, in µs per request. The recordings stay in
bench/profile/out/ (`perf report -i FILE`).

perf rather than dotnet-trace: its samples are taken on the CPU at 5 kHz and include the kernel's and the runtime's
native code, where dotnet-trace's thread-time sampler (~100 Hz, managed stacks) could not resolve a difference of 1 µs.
"""
import collections
import os
import re
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
FREQUENCY = 4999  # samples a second of CPU: each stands for ~200 µs
PASSES = 2
PERF_ENV = {"DOTNET_PerfMapEnabled": "1", "DOTNET_EnableWriteXorExecute": "0"}
# perf's symbol for JIT-compiled code carries the tier the runtime compiled it at; the same method at two tiers is one method.
TIER = re.compile(r"\[(OptimizedTier1OSR|OptimizedTier1|Optimized|PreJIT|Tier0|Tier1|QuickJitted|OSR|Instrumented[^\]]*)\]")
# "  1.23%  456  libc.so.6  [.] __libc_recv  -  -": percentage, samples, where, [k]ernel or [.] user, symbol, and two
# columns perf adds after the symbol here, empty ("-").
REPORT_LINE = re.compile(r"\s+[\d.]+%\s+(\d+)\s+(\[JIT\] tid \d+|\S+(?: \(deleted\))?)\s+\[.\]\s+(.*?)(?:\s+-\s+-)?\s*$")


# The paths it profiles, by part 1's names: the backend's own, whose request part 1's BenchPath defines (URL and wrk_env).
PATHS = {"example": "example", "cache-hit": "cache hit", "write": "write"}


def record(backend, name, path, wrk_env, seconds):
    """SECONDS of wrk against `path` while perf samples the backend: the recording and wrk's request count."""
    output = os.path.join(OUT, f"{name}.data")
    perf = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", str(FREQUENCY), "-p", str(backend.pid), "-o", output],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        requests = harness.wrk(backend.base + path, 16, seconds, env=wrk_env)["requests"]
    finally:
        perf.send_signal(signal.SIGINT)
        perf.wait(timeout=60)
    if perf.returncode not in (0, -signal.SIGINT):  # having written its recording, perf ends by its SIGINT
        raise RuntimeError(f"perf record failed ({perf.returncode}): {perf.stderr.read()}")
    return output, requests


def samples(recording):
    """Per (where, method), the samples of a recording. `where` is the kernel, JIT-compiled code or a native library."""
    report = subprocess.run(["perf", "report", "-i", recording, "--stdio", "-n", "--sort", "dso,symbol"],
                            capture_output=True, text=True, check=True).stdout
    counted = collections.Counter()
    for line in report.splitlines():
        match = REPORT_LINE.match(line)
        if match:
            count, dso, symbol = int(match.group(1)), match.group(2), TIER.sub("", match.group(3)).strip()
            where = "JIT-compiled .NET code" if dso.startswith("[JIT]") else dso.removesuffix(" (deleted)")
            counted[(where, symbol)] += count
    return counted


def main(seconds, path_name, compared):
    os.makedirs(OUT, exist_ok=True)
    signal.signal(signal.SIGTERM, harness.interrupted)
    harness.startup.CONFIGURATION = "Release"
    harness.build(["instrumentation"])
    shared, processes = harness.Shared(), harness.Processes()
    totals = {}
    try:
        deps, sink = shared.deps, shared.sink
        backends = {variant: harness.start_backend(processes, deps, False, sink, label=variant, extra_env={
            **harness.DOTNET_BENCH_ENV, **PERF_ENV, **harness.variant_env(variant, "backend", sink)}) for variant in ("plain", compared)}
        harness.ready(*backends.values())
        # Part 1's definitions of the paths (first_seeded only shapes the cache miss, which is not profiled).
        bench_path = next(p for p in harness.bench_paths(harness.Settings(smoke=False), deps, harness.cached_document(backends["plain"]), 1)
                          if p.name == PATHS[path_name])
        path, wrk_env = bench_path.url, bench_path.wrk_env
        for backend in backends.values():
            harness.wrk(backend.base + path, 16, 15, env=wrk_env)  # warm-up: the same for both
        for number in range(PASSES):
            for variant, backend in backends.items():
                recording, requests = record(backend, f"{path_name}-{variant.replace(' ', '-')}-{number + 1}", path, wrk_env, seconds)
                counted, total_requests = totals.get(variant, (collections.Counter(), 0))
                counted.update(samples(recording))
                totals[variant] = (counted, total_requests + requests)
                print(f"{variant}, pass {number + 1}: {requests} requests ({recording})", flush=True)
    finally:
        processes.stop_all()
        shared.stop()
    report(totals, compared)


def per_request(totals, variant):
    """µs of CPU per request, per (where, method)."""
    counted, requests = totals[variant]
    return {key: count / FREQUENCY / requests * 1e6 for key, count in counted.items()}


def report(totals, compared):
    plain, other = per_request(totals, "plain"), per_request(totals, compared)

    def by_where(figures):
        summed = collections.Counter()
        for (where, _), value in figures.items():
            summed[where] += value
        return summed

    plain_where, other_where = by_where(plain), by_where(other)
    print(f"\nCPU per request by where it went, µs: plain, {compared}, difference")
    for where in sorted(set(plain_where) | set(other_where), key=lambda w: -other_where.get(w, 0))[:8]:
        print(f"  {plain_where.get(where, 0):7.2f}  {other_where.get(where, 0):7.2f}  {other_where.get(where, 0) - plain_where.get(where, 0):+7.2f}  {where}")
    print(f"  {sum(plain_where.values()):7.2f}  {sum(other_where.values()):7.2f}  "
          f"{sum(other_where.values()) - sum(plain_where.values()):+7.2f}  in all")
    print(f"\nMethods {compared} spends more self time on than plain, µs per request: difference, plain, {compared}")
    for key in sorted(set(plain) | set(other), key=lambda k: plain.get(k, 0) - other.get(k, 0))[:40]:
        where, method = key
        print(f"  {other.get(key, 0) - plain.get(key, 0):+7.3f}  {plain.get(key, 0):7.3f}  {other.get(key, 0):7.3f}  {method[:170]} ({where})")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    paths, variants = tuple(PATHS), [v for v in harness.VARIANTS[1:] if v != harness.CONTROL]
    if len(arguments) > 3 or (len(arguments) > 1 and arguments[1] not in paths) or (len(arguments) > 2 and arguments[2] not in variants):
        sys.exit(f"usage: bench/profile.sh [SECONDS] [{'|'.join(paths)}] [{'|'.join(repr(v) for v in variants)}]")
    main(int(arguments[0]) if arguments else 10, arguments[1] if len(arguments) > 1 else "example",
         arguments[2] if len(arguments) > 2 else "instrumented")
