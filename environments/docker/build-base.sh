#!/usr/bin/env bash
# Makes the local base image sipdrill's images build FROM when no image registry is reachable:
# a Debian bookworm minbase made by debootstrap from this machine's own apt mirror, imported
# into Docker. Users with a registry skip this (the Dockerfiles default to debian:bookworm-slim).
#
#   environments/docker/build-base.sh [IMAGE]      (default IMAGE: sipdrill/base:bookworm)
#
# Reuses the image when it exists; SIPDRILL_REBUILD_BASE=1 makes it again. Needs root, debootstrap.
set -euo pipefail

image="${1:-sipdrill/base:bookworm}"
suite="${SIPDRILL_SUITE:-bookworm}"

if [ "${SIPDRILL_REBUILD_BASE:-0}" != 1 ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-base: $image exists (SIPDRILL_REBUILD_BASE=1 rebuilds it)"
  exit 0
fi

# The mirror this machine's apt already uses: never a host name written into the repository.
mirror() {
  local uri
  uri="$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)"
  if [ -z "$uri" ]; then
    uri="$(grep -hE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -v security | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' | head -1 || true)"
  fi
  [ -n "$uri" ] || { echo "build-base: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 1; }
  echo "$uri"
}

command -v debootstrap >/dev/null || { echo "build-base: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
url="$(mirror)"
root="$(mktemp -d /tmp/sipdrill-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "build-base: debootstrap --variant=minbase $suite from $url (about a minute)"
debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$url" >"$root.log" 2>&1 \
  || { tail -20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# Keep the image small: no apt lists or caches (the Dockerfiles run apt-get update themselves).
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import - "$image" >/dev/null
echo "build-base: $image imported"
