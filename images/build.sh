#!/usr/bin/env bash
# Builds stand-ins for the upstream container images the AppHost runs, from Debian packages only, with no image
# registry: a Debian base made by debootstrap from the machine's own apt mirror, then one image per folder here,
# tagged under the upstream name so that nothing that refers to the image has to change.
#
#   images/build.sh [--force] [--only NAME[,NAME]] [--push REGISTRY] [--list]
#
#   --force            rebuild the base and every image even when its cache key is current
#   --only a,b         build only these images (folder names below); the base is built when they need it
#   --push REGISTRY    also tag each image as REGISTRY/<upstream path> (e.g. localhost:5000/library/redis:7.4)
#                      and push it, for air-gapped users with a registry of their own
#   --list             print each image with its cache key, version and size; build nothing
#
# Uses the `docker` CLI against whatever engine DOCKER_HOST names; with none answering it says how to start one.
#
# Caching: every image carries a label nuzantara.image.key = sha256 of what went into it (the base's key plus every
# file in its folder). An image whose label equals the key computed now is left alone, so a run with nothing changed
# only inspects labels and takes a second or two.
set -euo pipefail

# ------------------------------------------------------------------------------------------------------------------
# The images. name (= folder) | tag(s), first one upstream's, space-separated | the package whose installed version
# labels the image ("dotnet" = the .NET runtime copied from this machine)
# ------------------------------------------------------------------------------------------------------------------
IMAGES=(
  "redis             | docker.io/library/redis:7.4                            | redis-server"
  "postgres          | docker.io/library/postgres:15                          | postgresql-15"
  "rabbitmq          | docker.io/library/rabbitmq:4.2 docker.io/library/rabbitmq:4.2-management | rabbitmq-server"
  "prometheus        | docker.io/prom/prometheus:v2.53.2                      | prometheus"
  "alertmanager      | docker.io/prom/alertmanager:v0.27.0                    | prometheus-alertmanager"
  "node-exporter     | quay.io/prometheus/node-exporter:v1.8.2                | prometheus-node-exporter"
  "redis-exporter    | docker.io/oliver006/redis_exporter:v1.62.0             | prometheus-redis-exporter"
  "postgres-exporter | quay.io/prometheuscommunity/postgres-exporter:v0.15.0  | prometheus-postgres-exporter"
  "dotnet-aspnet     | nuzantara/dotnet-aspnet:10.0                           | dotnet"
  "python            | nuzantara/python:3-debian                              | python3"
)

SUITE=${NUZANTARA_DEBIAN_SUITE:-bookworm}
BASE_TAG="nuzantara/debian:$SUITE"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
LOG_DIR=${NUZANTARA_IMAGES_LOG_DIR:-${TMPDIR:-/tmp}/nuzantara-images-logs}
KEY_LABEL=nuzantara.image.key

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
sha256() { sha256sum | cut -d' ' -f1; }
mb() { awk -v b="${1:-0}" 'BEGIN { printf "%.0f MB", b / 1000000 }'; }   # docker's own MB (10^6)
field() {  # row column -> that column of a table row, trimmed
  local IFS='|' f v
  read -r -a f <<<"$1"
  v=${f[$2]}; v=${v#"${v%%[![:space:]]*}"}; v=${v%"${v##*[![:space:]]}"}
  printf '%s\n' "$v"
}

image_label() {  # image label -> value, empty when the image or the label is missing
  docker image inspect "$1" --format "{{ index .Config.Labels \"$2\" }}" 2>/dev/null | sed 's/^<no value>$//' || true
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
image_size() { docker image inspect "$1" --format '{{.Size}}' 2>/dev/null || echo 0; }

require_engine() {
  command -v docker >/dev/null || die "no docker CLI: apt-get install -y docker.io"
  if ! timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    log "error: no Docker engine answers at ${DOCKER_HOST:-the default socket}."
    log "Start a private one (as root) and point the CLI at it:"
    [ ! -x "$HERE/engine.sh" ] || log "  export DOCKER_HOST=\$($HERE/engine.sh start)      # or by hand:"
    log "  d=/var/tmp/nuzantara-engine; mkdir -p \$d"
    log "  dockerd --iptables=false --ip6tables=false --bridge=none --exec-opt native.cgroupdriver=cgroupfs \\"
    log "    -H unix://\$d/docker.sock --data-root \$d/data --exec-root \$d/exec --pidfile \$d/docker.pid &"
    log "  export DOCKER_HOST=unix://\$d/docker.sock"
    exit 1
  fi
}

# ------------------------------------------------------------------------------------------------------------------
# base:begin — everything between the base markers is part of the base image's cache key, so editing how the base
# is made rebuilds it (and, through the key, every image).
# ------------------------------------------------------------------------------------------------------------------

# The host's active apt sources files for $SUITE, signed by Debian's keyring (or unsigned): copied into the rootfs
# so that the images install exactly the versions (and snapshot) this machine installs. Third-party repositories
# (another keyring that the rootfs lacks) are left out.
debian_sources_files() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -s "$f" ] || continue
    grep -Eq "(^|[[:space:]])$SUITE([[:space:]]|$)" "$f" || continue
    if grep -Eio 'signed-by[:=][[:space:]]*[^] ]+' "$f" | grep -qv debian-archive-keyring; then continue; fi
    echo "$f"
  done
}

# The first mirror URI that serves $SUITE itself, in one-line (deb URI suite ...) or deb822 (URIs:/Suites:) form.
# Read at run time: no mirror host is written in this repository.
debian_mirror() {
  local files
  mapfile -t files < <(debian_sources_files)
  [ ${#files[@]} -gt 0 ] || die "no apt source for '$SUITE' in /etc/apt/sources.list{,.d/}"
  awk -v suite="$SUITE" '
    function flush() {                                   # end of a deb822 stanza
      if (enabled && types ~ /[ \t]deb([ \t]|$)/ && suites ~ (" " suite " ") && uris != "") { print uris; found = 1; exit }
      types = uris = suites = ""; enabled = 1
    }
    BEGIN { enabled = 1 }
    FNR == 1 { flush() }
    /^deb[ \t]/ {                                        # one-line form: deb [options] URI suite component...
      i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) { print $i; found = 1; exit }
    }
    /^Types:/   { types = $0 }
    /^URIs:/    { uris = $2 }
    /^Suites:/  { suites = $0 " " }
    /^Enabled:[ \t]*no/ { enabled = 0 }
    /^[ \t]*$/ { flush() }
    END { if (!found) flush() }
  ' "${files[@]}" | head -n1
}

# Apt settings the rootfs must share with the host: a snapshot mirror serves Release files past their Valid-Until.
host_apt_settings() {
  apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date) ' || true
}

base_key() {
  {
    echo "suite=$SUITE"
    local f
    while read -r f; do echo "== $f"; cat "$f"; done < <(debian_sources_files)
    host_apt_settings
    sed -n '/^# base:begin/,/^# base:end/p' "$SELF"
    debootstrap --version 2>/dev/null || dpkg-query -W -f '${Version}\n' debootstrap 2>/dev/null || echo none
  } | sha256
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return
  [ "$(id -u)" = 0 ] || die "debootstrap is missing; install it with: sudo apt-get install -y debootstrap"
  log "installing debootstrap…"
  # A fresh machine may have no package lists yet.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2; }
}

build_base() {
  local key=$1 mirror rootfs f
  [ "$(id -u)" = 0 ] || die "building the base ($BASE_TAG) runs debootstrap, which needs root"
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "found no apt mirror URI for '$SUITE'"
  rootfs=$(mktemp -d /var/tmp/nuzantara-rootfs.XXXXXX)
  trap "remove_rootfs '$rootfs'" EXIT

  debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$LOG_DIR/base.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/base.log" >&2; die "debootstrap failed (log: $LOG_DIR/base.log)"; }

  # Apt: the host's sources and snapshot settings, so that images get the versions this machine has.
  rm -f "$rootfs/etc/apt/sources.list"
  while read -r f; do cp "$f" "$rootfs/etc/apt/sources.list.d/"; done < <(debian_sources_files)
  host_apt_settings >"$rootfs/etc/apt/apt.conf.d/99nuzantara-host"
  # Like Debian's official images: no recommends, no package caches or translations kept in layers.
  cat >"$rootfs/etc/apt/apt.conf.d/90nuzantara-container" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
EOF
  # Like debian:*-slim: packages installed later leave out docs (but their copyright), manuals and message
  # translations (but locale.alias, which localedef reads).
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/90nuzantara-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /var/cache/man/*
EOF
  # Package scripts must not start services inside a build.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"

  # Slim down what debootstrap left, and the host's identity it copied in.
  find "$rootfs/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/cache/debconf/*-old \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log \
    "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  : >"$rootfs/etc/hostname"; : >"$rootfs/etc/resolv.conf"

  local version
  version=$(cat "$rootfs/etc/debian_version")
  # One label a change: Podman's Docker API reads `LABEL a=1 b=2` as one label named a.
  tar -C "$rootfs" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --change "LABEL org.opencontainers.image.version=$version" \
    --change "LABEL org.opencontainers.image.source=debian" \
    --change "LABEL $KEY_LABEL=$key" \
    - "$BASE_TAG" >/dev/null

  remove_rootfs "$rootfs"
  trap - EXIT
}

# debootstrap mounts /proc and /sys inside the rootfs: unmount whatever it left before deleting, and never cross a
# mount point while deleting.
remove_rootfs() {
  findmnt -rn -o TARGET | grep "^$1/" | sort -r | xargs -r umount -l || true
  rm -rf --one-file-system "$1"
}
# base:end
# ------------------------------------------------------------------------------------------------------------------

# The .NET runtime of this machine (dotnet-aspnet): its root, and the newest Microsoft.NETCore.App version that has
# a matching Microsoft.AspNetCore.App.
dotnet_root() { dirname "$(readlink -f "$(command -v dotnet)")"; }
dotnet_version() {
  dotnet --list-runtimes 2>/dev/null | awk '
    $1 == "Microsoft.NETCore.App" { core[$2] = 1 }
    $1 == "Microsoft.AspNetCore.App" { asp[$2] = 1 }
    END { for (v in core) if (v in asp) print v }' | sort -V | tail -n1
}

# What, besides its folder, goes into an image: for dotnet-aspnet the runtime files copied from this machine.
extra_key_input() {
  case $1 in
    dotnet-aspnet)
      local root ver
      root=$(dotnet_root); ver=$(dotnet_version)
      echo "dotnet $ver"
      (cd "$root" && find dotnet host "shared/Microsoft.NETCore.App/$ver" "shared/Microsoft.AspNetCore.App/$ver" \
        -type f -printf '%p %s %T@\n' | sort)
      ;;
  esac
}

image_key() {  # name base_key
  local dir="$HERE/$1"
  {
    echo "base=$2"
    (cd "$dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    extra_key_input "$1"
  } | sha256
}

extra_build_args() {
  case $1 in
    dotnet-aspnet) echo "--build-arg=DOTNET_VERSION=$(dotnet_version)" ;;
  esac
}

# The build context: the image's folder, plus for dotnet-aspnet the runtime staged next to its Dockerfile.
stage_context() {  # name -> prints the context dir (the folder itself, or a temporary copy)
  case $1 in
    dotnet-aspnet)
      local ctx root ver
      ctx=$(mktemp -d "${TMPDIR:-/tmp}/nuzantara-ctx.XXXXXX")
      root=$(dotnet_root); ver=$(dotnet_version)
      [ -n "$ver" ] || die "no .NET runtime with both Microsoft.NETCore.App and Microsoft.AspNetCore.App found"
      cp -a "$HERE/$1/." "$ctx/"
      mkdir -p "$ctx/dotnet/shared"
      cp -a "$root/dotnet" "$root/host" "$ctx/dotnet/"
      cp -a "$root"/LICENSE.txt "$root"/ThirdPartyNotices.txt "$ctx/dotnet/" 2>/dev/null || true
      for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
        mkdir -p "$ctx/dotnet/shared/$fw"
        cp -a "$root/shared/$fw/$ver" "$ctx/dotnet/shared/$fw/"
      done
      echo "$ctx"
      ;;
    *) echo "$HERE/$1" ;;
  esac
}

installed_version() {  # image package
  if [ "$2" = dotnet ]; then dotnet_version; return; fi
  docker run --rm --network none --user 0 --entrypoint dpkg-query "$1" -W -f '${Version}' "$2"
}

build_image() {  # name tags package key
  local name=$1 package=$3 key=$4 tags tmp ctx old version
  read -r -a tags <<<"$2"
  tmp="nuzantara/build-tmp:$name"
  old=$(docker image inspect "${tags[0]}" --format '{{.Id}}' 2>/dev/null || true)
  ctx=$(stage_context "$name")
  local extra=()
  mapfile -t extra < <(extra_build_args "$name")

  # --network host: the private engine has no bridge network, and apt needs the mirror.
  if ! docker build --network host --build-arg "BASE_IMAGE=$BASE_TAG" ${FORCE:+--no-cache} "${extra[@]}" \
      -t "$tmp" -f "$ctx/Dockerfile" "$ctx" >"$LOG_DIR/$name.log" 2>&1; then
    tail -n 30 "$LOG_DIR/$name.log" >&2
    [ "$ctx" = "$HERE/$name" ] || rm -rf "$ctx"
    die "building $name failed (log: $LOG_DIR/$name.log)"
  fi
  [ "$ctx" = "$HERE/$name" ] || rm -rf "$ctx"

  # The version label is what was really installed, known only now: a second, metadata-only build adds the labels
  # (the cache key last, so an image whose build broke half-way never looks current).
  version=$(installed_version "$tmp" "$package")
  local label_args=() t
  for t in "${tags[@]}"; do label_args+=(-t "$t"); done
  [ "$name" = dotnet-aspnet ] && label_args+=(-t "${tags[0]%:*}:$version")
  printf 'FROM %s\n' "$tmp" | docker build -q "${label_args[@]}" \
    --label "org.opencontainers.image.version=$version" \
    --label "org.opencontainers.image.source=debian" \
    --label "$KEY_LABEL=$key" - >>"$LOG_DIR/$name.log" 2>&1 || die "labelling $name failed (log: $LOG_DIR/$name.log)"
  docker rmi "$tmp" >/dev/null
  # Drop the image this one replaces once nothing else tags it, so rebuilds do not pile up disk.
  local new
  new=$(docker image inspect "${tags[0]}" --format '{{.Id}}')
  if [ -n "$old" ] && [ "$old" != "$new" ]; then docker rmi "$old" >/dev/null 2>&1 || true; fi
}

push_image() {  # tag registry
  local path=$1 first=${1%%/*}
  # Strip the upstream registry host (a first component with a dot or a colon, or "localhost").
  if [[ $path == */* && ( $first == *.* || $first == *:* || $first == localhost ) ]]; then path=${path#*/}; fi
  docker tag "$1" "$2/$path"
  docker push "$2/$path" >>"$LOG_DIR/push.log" 2>&1 || { tail -n 20 "$LOG_DIR/push.log" >&2; die "pushing $2/$path failed"; }
  log "  pushed $2/$path"
}

list_images() {
  local row name tags tag
  printf '%-18s %-56s %-28s %-14s %s\n' NAME TAG VERSION KEY SIZE
  for row in "base | $BASE_TAG | -" "${IMAGES[@]}"; do
    name=$(field "$row" 0); tags=$(field "$row" 1); tag=${tags%% *}
    if docker image inspect "$tag" >/dev/null 2>&1; then
      printf '%-18s %-56s %-28s %-14.12s %s\n' "$name" "$tag" \
        "$(image_label "$tag" org.opencontainers.image.version)" "$(image_label "$tag" "$KEY_LABEL")" \
        "$(mb "$(image_size "$tag")")"
    else
      printf '%-18s %-56s %s\n' "$name" "$tag" "(not built)"
    fi
  done
}

main() {
  local only="" push="" list=""
  FORCE=""
  while [ $# -gt 0 ]; do
    case $1 in
      --force) FORCE=1 ;;
      --only) only=${2:?--only needs NAME[,NAME]}; shift ;;
      --only=*) only=${1#*=} ;;
      --push) push=${2:?--push needs a REGISTRY}; shift ;;
      --push=*) push=${1#*=} ;;
      --list) list=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
      *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
  done

  require_engine
  if [ -n "$list" ]; then list_images; return; fi
  mkdir -p "$LOG_DIR"

  local wanted=() row name
  for row in "${IMAGES[@]}"; do
    name=$(field "$row" 0)
    if [ -z "$only" ] || [[ ",$only," == *",$name,"* ]]; then wanted+=("$row"); fi
  done
  if [ -n "$only" ]; then
    local n
    for n in ${only//,/ }; do
      # A here-string, not a pipe: grep -q exits at its first match, and under pipefail printf's broken pipe then
      # read as "no such image".
      grep -q "^$n[[:space:]]" <<< "$(printf '%s\n' "${IMAGES[@]}")" || die "no image named '$n' (see the table in $SELF)"
    done
  fi

  local start t0 bkey state old_base
  start=$(now); t0=$start
  ensure_debootstrap
  bkey=$(base_key)
  old_base=$(docker image inspect "$BASE_TAG" --format '{{.Id}}' 2>/dev/null || true)
  if [ -z "$FORCE" ] && [ "$(image_label "$BASE_TAG" "$KEY_LABEL")" = "$bkey" ]; then state=current; else
    log "building $BASE_TAG (debootstrap $SUITE)…"
    build_base "$bkey"; state=built
  fi
  printf '%-18s %-8s %6ss %8s  %s\n' base "$state" "$(since "$t0")" "$(mb "$(image_size "$BASE_TAG")")" "$BASE_TAG"

  local tags package key
  for row in "${wanted[@]}"; do
    name=$(field "$row" 0); tags=$(field "$row" 1); package=$(field "$row" 2)
    t0=$(now)
    key=$(image_key "$name" "$bkey")
    if [ -z "$FORCE" ] && [ "$(image_label "${tags%% *}" "$KEY_LABEL")" = "$key" ]; then state=current; else
      build_image "$name" "$tags" "$package" "$key"; state=built
    fi
    printf '%-18s %-8s %6ss %8s  %s\n' "$name" "$state" "$(since "$t0")" "$(mb "$(image_size "${tags%% *}")")" "$tags"
    if [ -n "$push" ]; then
      local t
      for t in $tags; do push_image "$t" "$push"; done
      [ "$name" != dotnet-aspnet ] || push_image "${tags%:*}:$(image_label "${tags%% *}" org.opencontainers.image.version)" "$push"
    fi
  done
  # A replaced base goes once no image is built on it any more (it stays while an image not rebuilt uses it).
  if [ -n "$old_base" ] && [ "$old_base" != "$(docker image inspect "$BASE_TAG" --format '{{.Id}}')" ]; then
    docker rmi "$old_base" >/dev/null 2>&1 || true
  fi
  printf 'total %ss\n' "$(since "$start")"
}

main "$@"
