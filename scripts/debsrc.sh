#!/bin/bash
# Fetch and unpack one Debian *source* package into a build directory, against a private apt
# configuration (sources list, lists and cache under the build directory), so the system's apt
# setup is never touched. apt-get verifies the .dsc against the signed Sources index and every
# tarball against the .dsc's checksums; we re-check the sha256 sums ourselves before unpacking.
# A second run finds the unpacked tree (or the downloaded files) and does not download again.
#
#   scripts/debsrc.sh PACKAGE SUITE DESTDIR      -> prints the unpacked source directory
set -euo pipefail
pkg=$1 suite=$2 dest=$3
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
stamp="$dest/$pkg.$suite.dir"
if [ -f "$stamp" ] && [ -d "$(cat "$stamp")" ]; then cat "$stamp"; exit 0; fi

apt="$dest/apt-$suite"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dest/$pkg-$suite"
cat > "$apt/sources.list" <<SRC
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main
SRC
opts=(-o APT::Sandbox::User=root -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
      -o Dir::State::status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0)
cd "$dest/$pkg-$suite"
if ! ls ./*.dsc >/dev/null 2>&1; then
    apt-get "${opts[@]}" -qq update >&2
    apt-get "${opts[@]}" -qq source --download-only "$pkg" >&2
fi
dsc=$(ls ./*.dsc | head -1)
# Checksums-Sha256 lines: " <sha256> <size> <file>"
awk '/^Checksums-Sha256:/{on=1;next} /^[^ ]/{on=0} on&&NF==3{print $1"  "$3}' "$dsc" | sha256sum -c --quiet - >&2
src=$(awk '/^Source:/{s=$2} /^Version:/{v=$2} END{sub(/^[0-9]+:/,"",v); sub(/-[^-]*$/,"",v); print s"-"v}' "$dsc")
rm -rf "$src"
dpkg-source --no-check -x "$dsc" "$src" >&2
echo "$dest/$pkg-$suite/$src" > "$stamp"
cat "$stamp"
