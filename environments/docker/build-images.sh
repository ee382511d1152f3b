#!/usr/bin/env bash
# Builds the docker topology's images, reusing each one whose inputs have not changed:
#
#   environments/docker/build-images.sh [all|kamailio|java|prometheus]      (default: all)
#
#   kamailio    sipdrill/kamailio, sipdrill/pbx        (never needs Maven; about a second when nothing changed)
#   java        sipdrill/jre, sipdrill/proxy, sipdrill/injector  (the jars from app/target; builds them
#               first, as ./sipdrill does, when they are missing or older than a main source)
#   prometheus  sipdrill/prometheus, compose.yaml's monitoring profile (Debian's prometheus; not in all:
#               the drills never need it)
#
# The base is debian:bookworm-slim when Docker has it (a registry was reachable once), else
# sipdrill/base:bookworm, made by build-base.sh with debootstrap when missing. Each image is labelled
# io.sipdrill.inputs=<sha256 of its Dockerfile, its build context and its base image's id>; a build
# is skipped when that label already matches. SIPDRILL_REBUILD=1 builds every image again, without
# Docker's layer cache (fresh Debian packages).
# SIPDRILL_TAG names the tag (default: local, as compose.yaml expects). Prints one line per image.
# SIPDRILL_JARS=DIR takes the java images' jars from DIR instead of app/target (no Maven run): a test
# staging its own classpath uses it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # environments/docker
envdir="$(dirname "$here")"
root="$(dirname "$envdir")"
tag="${SIPDRILL_TAG:-local}"
what="${1:-all}"

die() { echo "build-images: $*" >&2; exit 1; }
case "$what" in
  all|kamailio|java|prometheus) ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "usage: $0 [all|kamailio|java|prometheus]" >&2; exit 2 ;;
esac
command -v docker >/dev/null || die "docker is not installed"
docker info >/dev/null 2>&1 || die "no Docker daemon answers (docker info failed)"

# One build at a time on this machine (tests of several modules may ask at once); the second waits
# and then finds the images current.
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/sipdrill-build-images.lock"
  flock 9
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sipdrill-images.XXXXXX")"
trap 'rm -rf "$work"' EXIT

image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

# The sha256 of a Dockerfile, every file of a context (path, mode, content) and the base image's id.
inputs() {
  local dockerfile="$1" context="$2" base_id="$3"
  {
    echo "dockerfile $(sha256sum <"$dockerfile")"
    (cd "$context" && find . \( -type f -o -type l \) -printf '%p %m\n' | LC_ALL=C sort)
    (cd "$context" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
    echo "base $base_id"
  } | sha256sum | cut -d' ' -f1
}

# build NAME DOCKERFILE CONTEXT BASE_ARG BASE_IMAGE: builds sipdrill/NAME:$tag FROM BASE_IMAGE
# (passed as build argument BASE_ARG) unless its io.sipdrill.inputs label says it is current.
build() {
  local name="$1" dockerfile="$2" context="$3" base_arg="$4" base="$5"
  local image="sipdrill/$name:$tag" start="$EPOCHREALTIME" base_id hash old current log
  base_id="$(image_id "$base")" || die "$image: its base $base does not exist"
  hash="$(inputs "$dockerfile" "$context" "$base_id")"
  old="$(image_id "$image" || true)"
  current="$(docker image inspect -f '{{index .Config.Labels "io.sipdrill.inputs"}}' "$image" 2>/dev/null || true)"
  if [ "${SIPDRILL_REBUILD:-0}" != 1 ] && [ "$current" = "$hash" ]; then
    printf 'build-images: %-32s reused  %s\n' "$image" "$(elapsed "$start")"
    return
  fi
  cp "$dockerfile" "$context/Dockerfile.sipdrill"
  log="$work/$name.log"
  local fresh=()
  [ "${SIPDRILL_REBUILD:-0}" = 1 ] && fresh=(--no-cache)   # forced: no layer from Docker's cache either
  if ! docker build --network host "${fresh[@]}" -f "$context/Dockerfile.sipdrill" --build-arg "$base_arg=$base" \
       --label "io.sipdrill.inputs=$hash" -t "$image" "$context" >"$log" 2>&1; then
    tail -30 "$log" >&2
    die "$image: docker build failed (last lines above)"
  fi
  # The image this one replaces, if no tag names it any more (another tag may share its id) and no
  # container uses it (docker refuses then).
  if [ -n "$old" ] && [ "$old" != "$(image_id "$image")" ] \
     && [ "$(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null)" = 0 ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
  printf 'build-images: %-32s built   %s\n' "$image" "$(elapsed "$start")"
}

base_image() {
  local start="$EPOCHREALTIME"
  if image_id debian:bookworm-slim >/dev/null; then
    base=debian:bookworm-slim
  else
    base=sipdrill/base:bookworm
    if ! image_id "$base" >/dev/null; then
      "$here/build-base.sh" "$base" >&2
      printf 'build-images: %-32s built   %s\n' "$base" "$(elapsed "$start")"
      return
    fi
  fi
  printf 'build-images: %-32s reused  %s\n' "$base" "$(elapsed "$start")"
}

kamailio_images() {
  # The layout kamailio.Dockerfile expects of its context (environments/), with only what it copies.
  local ctx="$work/kamailio"
  mkdir -p "$ctx/docker"
  cp -a "$envdir/kamailio" "$ctx/kamailio"
  cp -a "$here/sipdrill-kamailio" "$here/sip-options-ping" "$here/options-ping.xml" "$ctx/docker/"
  build kamailio "$here/kamailio.Dockerfile" "$ctx" BASE "$base"
  mkdir -p "$work/pbx"
  build pbx "$here/pbx.Dockerfile" "$work/pbx" KAMAILIO_IMAGE "sipdrill/kamailio:$tag"
}

# As ./sipdrill's needs_build: no app jar or lib/, or a main source, POM or drill file newer than it.
jars_stale() {
  local jar="$1"
  [ -f "$jar" ] && [ -d "$root/app/target/lib" ] || return 0
  [ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -path '*/src/main/*' -o -name pom.xml \
         -o -path '*/src/main/resources/*' -o -path "$root/drills/*" \) -newer "$jar" -print -quit 2>/dev/null)" ]
}

app_jar() {
  local jar
  for jar in "$root"/app/target/sipdrill-app-*.jar; do
    case "$jar" in *-sources.jar|*-tests.jar|*-javadoc.jar) continue ;; esac
    [ -f "$jar" ] && { echo "$jar"; return; }
  done
  echo "$root/app/target/sipdrill-app-0.1.0-SNAPSHOT.jar"   # what ./sipdrill builds
}

java_images() {
  local jar start="$EPOCHREALTIME" jars=()
  if [ -n "${SIPDRILL_JARS:-}" ]; then
    # A caller that has the jars already (a test staging its own classpath): no Maven, no staleness check.
    [ -d "$SIPDRILL_JARS" ] || die "SIPDRILL_JARS=$SIPDRILL_JARS is not a folder"
    jars=("$SIPDRILL_JARS"/.)
  else
    jars=("$(app_jar)" "$root/app/target/lib/.")
  fi
  jar="$(app_jar)"
  if [ -z "${SIPDRILL_JARS:-}" ] && jars_stale "$jar"; then
    echo "build-images: building the sipdrill jars (missing or older than the sources; about a minute)" >&2
    if [ -x "$root/sipdrill" ]; then
      "$root/sipdrill" --help >/dev/null
    else
      (cd "$root" && mvn -q -B -DskipTests install)
    fi
    jar="$(app_jar)"
    [ -f "$jar" ] || die "no app jar in $root/app/target after the build"
    jars=("$jar" "$root/app/target/lib/.")
    printf 'build-images: %-32s built   %s\n' "sipdrill jars" "$(elapsed "$start")"
  fi
  mkdir -p "$work/jre"
  build jre "$here/jre.Dockerfile" "$work/jre" BASE "$base"

  # The jars once, then hard links of them in each context (copies across file systems).
  local lib="$work/lib"
  mkdir -p "$lib"
  cp -a "${jars[@]}" "$lib/"
  local ctx
  for ctx in proxy injector; do
    mkdir -p "$work/$ctx/docker"
    cp -al "$lib" "$work/$ctx/lib" 2>/dev/null || cp -a "$lib" "$work/$ctx/lib"
    cp -a "$here/sipdrill-jvm" "$work/$ctx/docker/"
  done
  cp -a "$here/sipdrill-proxy" "$here/proxy-health" "$work/proxy/docker/"
  build proxy "$here/proxy.Dockerfile" "$work/proxy" JRE_IMAGE "sipdrill/jre:$tag"
  build injector "$here/injector.Dockerfile" "$work/injector" JRE_IMAGE "sipdrill/jre:$tag"
}

prometheus_image() {
  mkdir -p "$work/prometheus"
  cp -a "$here/prometheus.yml" "$here/sipdrill-prometheus" "$work/prometheus/"
  build prometheus "$here/prometheus.Dockerfile" "$work/prometheus" BASE "$base"
}

base_image
case "$what" in
  all) kamailio_images; java_images ;;
  kamailio) kamailio_images ;;
  java) java_images ;;
  prometheus) prometheus_image ;;
esac
