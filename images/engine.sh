#!/usr/bin/env bash
# A private Docker engine for the tests and benchmarks: Debian's dockerd on its own socket, data root, exec root and
# pid file, so it never touches an engine a developer already runs (nor changes what `--runtime auto` finds on the
# default socket). Its data root persists, so the images built into it by images/build.sh are kept between runs.
#
#   images/engine.sh start    start it (installing docker.io first if needed); prints the DOCKER_HOST to use
#   images/engine.sh stop     stop it and every container it runs (volumes and images stay)
#   images/engine.sh status   print the DOCKER_HOST if it answers, else exit 1
#
# NUZANTARA_ENGINE_DIR moves it (default /var/tmp/nuzantara-engine). Needs root, as dockerd does.
set -euo pipefail

dir=${NUZANTARA_ENGINE_DIR:-/var/tmp/nuzantara-engine}
export DOCKER_HOST="unix://$dir/docker.sock"

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_engine() {
  if [ "$(id -u)" != 0 ]; then
    echo "dockerd is not installed and installing it needs root: sudo apt-get install -y docker.io" >&2
    exit 1
  fi
  echo "installing docker.io (Debian's Docker engine)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >&2
}

start() {
  if command -v docker >/dev/null && answers; then
    echo "$DOCKER_HOST"
    return
  fi
  command -v dockerd >/dev/null && command -v docker >/dev/null || install_engine
  if [ "$(id -u)" != 0 ]; then
    echo "dockerd needs root. Run this as root, or point the tests at your own engine with NUZANTARA_TEST_DOCKER_HOST." >&2
    exit 1
  fi
  mkdir -p "$dir"
  # No iptables rules and no bridge: the container runtime puts containers on the host's network, all on loopback,
  # and this engine changes nothing else on the machine. cgroupfs works with or without systemd.
  setsid dockerd --iptables=false --ip6tables=false --bridge=none --exec-opt native.cgroupdriver=cgroupfs \
    -H "$DOCKER_HOST" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    >"$dir/dockerd.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 30))
  until answers; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 $! 2>/dev/null; then
      echo "dockerd did not answer at $DOCKER_HOST within 30 s. The end of $dir/dockerd.log:" >&2
      tail -n 20 "$dir/dockerd.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$DOCKER_HOST"
}

stop() {
  local pid
  pid=$(cat "$dir/docker.pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  # SIGTERM: dockerd stops its containers (10 s each at most) and the containerd it started, then exits.
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "dockerd (pid $pid) did not stop within 60 s; killing it" >&2
      kill -KILL "$pid"
      break
    fi
    sleep 0.1
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers && echo "$DOCKER_HOST" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
