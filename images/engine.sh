#!/usr/bin/env bash
# A private container engine for the tests and benchmarks, on its own socket and storage, so that it never touches an
# engine a developer already runs (nor changes what `--runtime auto` finds on the default socket). Its storage
# persists, so the images built into it by images/build.sh are kept between runs.
#
#   images/engine.sh start [docker|podman]   start it (installing Debian's package first if needed); prints DOCKER_HOST
#   images/engine.sh stop [docker|podman]    stop it and every container it runs (volumes and images stay)
#   images/engine.sh status [docker|podman]  print the DOCKER_HOST if it answers, else exit 1
#
# docker (the default): Debian's dockerd. podman: Debian's podman serving the Docker API (`podman system service`).
# NUZANTARA_ENGINE_DIR moves it (default /var/tmp/nuzantara-engine, or /var/tmp/nuzantara-podman). Needs root.
set -euo pipefail

kind=${2:-docker}
case "$kind" in
  docker) dir=${NUZANTARA_ENGINE_DIR:-/var/tmp/nuzantara-engine}; socket="$dir/docker.sock"; package=docker.io ;;
  podman) dir=${NUZANTARA_ENGINE_DIR:-/var/tmp/nuzantara-podman}; socket="$dir/podman.sock"; package="podman runc" ;;
  *) echo "usage: $0 start|stop|status [docker|podman]" >&2; exit 2 ;;
esac
export DOCKER_HOST="unix://$socket"

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_engine() {
  if [ "$(id -u)" != 0 ]; then
    echo "$kind is not installed and installing it needs root: sudo apt-get install -y $package" >&2
    exit 1
  fi
  echo "installing $package…" >&2
  apt-get update -qq >&2
  # shellcheck disable=SC2086 # a list of packages
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $package docker.io >&2
}

# The service itself, in the background, detached from our session; its pid goes to $dir/engine.pid.
launch_docker() {
  command -v dockerd >/dev/null && command -v docker >/dev/null || install_engine
  # No iptables rules and no bridge: the container runtime puts containers on the host's network, all on loopback,
  # and this engine changes nothing else on the machine. cgroupfs works with or without systemd.
  setsid dockerd --iptables=false --ip6tables=false --bridge=none --exec-opt native.cgroupdriver=cgroupfs \
    -H "$DOCKER_HOST" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/engine.pid" \
    >"$dir/engine.log" 2>&1 </dev/null &
}

# Podman 4.3 as Debian ships it fails here with crun (RLIMIT_NOFILE, the hybrid cgroup layout): runc, cgroupfs and no
# default ulimits, in a containers.conf of our own (CONTAINERS_CONF) rather than the machine's /etc/containers.
podman_args() { echo --root "$dir/storage" --runroot "$dir/run"; }
launch_podman() {
  command -v podman >/dev/null && command -v runc >/dev/null && command -v docker >/dev/null || install_engine
  cat >"$dir/containers.conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
  # shellcheck disable=SC2046 # podman_args is a list of arguments
  CONTAINERS_CONF="$dir/containers.conf" setsid podman $(podman_args) system service --time=0 "$DOCKER_HOST" \
    >"$dir/engine.log" 2>&1 </dev/null &
  echo $! >"$dir/engine.pid"
}

start() {
  if command -v docker >/dev/null && answers; then
    echo "$DOCKER_HOST"
    return
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "The private $kind engine needs root. Run this as root, or point the tests at your own engine with NUZANTARA_TEST_DOCKER_HOST." >&2
    exit 1
  fi
  mkdir -p "$dir"
  "launch_$kind"
  local deadline=$((SECONDS + 30))
  until answers; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$(cat "$dir/engine.pid" 2>/dev/null || echo $!)" 2>/dev/null; then
      echo "$kind did not answer at $DOCKER_HOST within 30 s. The end of $dir/engine.log:" >&2
      tail -n 20 "$dir/engine.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$DOCKER_HOST"
}

stop() {
  local pid
  pid=$(cat "$dir/engine.pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [ "$kind" = podman ]; then
    # Podman's containers do not depend on its API service: stop them first, as dockerd does its own.
    # shellcheck disable=SC2046
    CONTAINERS_CONF="$dir/containers.conf" podman $(podman_args) stop --all --time 10 >/dev/null 2>&1 || true
  fi
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
  # dockerd leaves its default network namespace mounted under the exec root; nothing should stay mounted.
  findmnt -rn -o TARGET | grep "^$dir/" | sort -r | xargs -r umount -l || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers && echo "$DOCKER_HOST" ;;
  *) echo "usage: $0 start|stop|status [docker|podman]" >&2; exit 2 ;;
esac
