#!/usr/bin/env python3
"""Where the cache hit's extra cost goes: CPU samples of the plain and the instrumented backend under the same load.

    bench/profile.sh [SECONDS]      (installs dotnet-trace as a .NET global tool first)

Starts Redis, PostgreSQL and the sink as bench/run.sh does, one plain and one instrumented backend (every request traced,
as part 1's "instrumented") with the bench's runtime settings, warms both with the same requests, then for each traces
SECONDS of cache-hit load with `dotnet-trace collect --profile dotnet-sampled-thread-time` (thread stacks at ~100 Hz,
converted to speedscope) and prints, per 1,000 requests, the frames on a running thread's stack: the instrumented
backend's top frames by inclusive samples, and those it spends more on than plain. Traces stay in bench/profile/out/.
"""
import collections
import json
import os
import signal
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
# The sampler ends a running thread's stack with this pseudo-frame; a waiting thread's (or one in native code the runtime
# cannot walk) with UNMANAGED_CODE_TIME.
RUNNING = "CPU_TIME"


def trace(backend, name, path, seconds):
    """SECONDS of wrk against `path` while dotnet-trace samples the backend; the speedscope file and wrk's request count."""
    output = os.path.join(OUT, f"{name}.nettrace")
    collect = subprocess.Popen(["dotnet-trace", "collect", "-p", str(backend.pid), "--profile", "dotnet-sampled-thread-time",
                                "--format", "Speedscope", "--duration", f"00:00:00:{seconds:02d}", "-o", output],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    result = {}
    load = threading.Thread(target=lambda: result.update(harness.wrk(backend.base + path, 16, seconds - 1)))
    threading.Timer(1, load.start).start()  # the session is open by then
    collect.wait(timeout=seconds + 120)
    load.join()
    if collect.returncode:
        raise RuntimeError(f"dotnet-trace failed: {collect.stderr.read()}")
    return output.replace(".nettrace", ".speedscope.json"), result["requests"]


def running_frames(speedscope):
    """Per frame name, inclusive and exclusive samples over every thread's samples that were running code."""
    document = json.load(open(speedscope))
    names = [frame["name"] for frame in document["shared"]["frames"]]
    inclusive, exclusive = collections.Counter(), collections.Counter()
    total = 0
    for profile in document["profiles"]:
        if profile.get("type") == "sampled":
            samples = zip(profile["samples"], profile["weights"])
        else:  # evented: open/close events, each closed frame weighs its duration (ms)
            samples = evented_samples(profile)
        for stack, weight in samples:
            if len(stack) < 2 or names[stack[-1]] != RUNNING:
                continue
            total += weight
            exclusive[names[stack[-2]]] += weight
            for frame in set(names[i] for i in stack):
                inclusive[frame] += weight
    return inclusive, exclusive, total


def evented_samples(profile):
    stack, opened = [], None
    for event in profile["events"]:
        if stack and opened is not None and event["at"] > opened:
            yield list(stack), event["at"] - opened
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
        opened = event["at"]


def main(seconds):
    os.makedirs(OUT, exist_ok=True)
    signal.signal(signal.SIGTERM, harness.interrupted)
    harness.startup.CONFIGURATION = "Release"
    harness.build(["instrumentation"])
    shared, processes = harness.Shared(), harness.Processes()
    try:
        deps, sink = shared.deps, shared.sink
        backends = {variant: harness.start_backend(processes, deps, False, sink, label=variant,
                                                   extra_env={**harness.DOTNET_BENCH_ENV, **harness.variant_env(variant, "backend", sink)})
                    for variant in ("plain", "instrumented")}
        harness.ready(*backends.values())
        document = harness.cached_document(backends["plain"])
        for backend in backends.values():
            harness.wrk(backend.base + document, 16, 10)  # warm-up: the same for both
        profiles = {}
        for variant, backend in backends.items():
            speedscope, requests = trace(backend, f"cache-hit-{variant}", document, seconds)
            inclusive, exclusive, total = running_frames(speedscope)
            profiles[variant] = (inclusive, exclusive, total, requests)
            print(f"{variant}: {requests} requests, {total:.0f} running samples, {total / requests * 1000:.1f} per 1,000 requests ({speedscope})")
    finally:
        processes.stop_all()
        shared.stop()
    report(profiles)


def report(profiles):
    def per_k(variant, counter, frame):
        return counter[frame] / profiles[variant][3] * 1000

    inclusive, exclusive, _, _ = profiles["instrumented"]
    print("\nInstrumented, top frames by inclusive samples per 1,000 requests (plain beside):")
    for frame, _ in inclusive.most_common(40):
        print(f"  {per_k('instrumented', inclusive, frame):7.1f}  {per_k('plain', profiles['plain'][0], frame):7.1f}  {frame[:150]}")
    print("\nFrames the instrumented backend spends more on than plain, inclusive samples per 1,000 requests (difference):")
    difference = {frame: per_k("instrumented", inclusive, frame) - per_k("plain", profiles["plain"][0], frame) for frame in inclusive}
    for frame, extra in sorted(difference.items(), key=lambda item: -item[1])[:40]:
        print(f"  {extra:+7.1f}  {frame[:150]}")
    print("\nInstrumented, top frames by exclusive samples per 1,000 requests (plain beside):")
    for frame, _ in exclusive.most_common(25):
        print(f"  {per_k('instrumented', exclusive, frame):7.1f}  {per_k('plain', profiles['plain'][1], frame):7.1f}  {frame[:150]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
