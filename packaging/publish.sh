#!/usr/bin/env bash
# `make publish`: the three executables (hpcmaint, hpcmaint-health, hpcmaint-reboot) as Native AOT
# linux-x64 binaries in DIST (default dist/), the files the packages, the integration specs, the demo
# and the benchmarks use. One dotnet publish of packaging/executables.slnf: the shared projects are
# built once, the native compiles run side by side, and what is up to date is not compiled again.
# Every warning is an error (trim and AOT analysis included). There is no other build to fall back
# to: where the AOT toolchain cannot be had, this says what is missing and stops.
set -uo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath -m "${1:-dist}")
mkdir -p "$dist"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s%N)
if ! dotnet publish packaging/executables.slnf -c Release -p:PublishDir="$dist/" -warnaserror -nologo -clp:'ErrorsOnly;NoSummary' >"$log" 2>&1; then
  if grep -qi 'NU110[123].*\(ilcompiler\|nativeaot\)' "$log"; then
    echo "make publish: the Native AOT compiler (the ILCompiler package or the NativeAOT runtime pack) cannot be restored from the configured NuGet sources:" >&2
    grep -o "Unable to find package [^ ]*\|Unable to find a stable package [^ ]*" "$log" | sort -u >&2
    echo "make publish: the SDK picks their version to match its runtime (nothing here pins it): make them reachable (NuGet.Config) and run again. There is no other build to fall back to." >&2
  elif grep -q 'NU110[123]' "$log"; then
    echo "make publish: packages cannot be restored from the configured NuGet sources:" >&2
    grep -o "Unable to find package [^ ]*\|Unable to find a stable package [^ ]*" "$log" | sort -u >&2
  elif grep -q 'Platform linker' "$log"; then
    echo "make publish: Native AOT links with clang or gcc, and neither is on PATH: apt-get install clang zlib1g-dev (or gcc)." >&2
  fi
  cat "$log" >&2
  exit 1
fi
for exe in hpcmaint hpcmaint-health hpcmaint-reboot; do
  [[ -x $dist/$exe ]] || { echo "make publish: $dist/$exe was not produced" >&2; cat "$log" >&2; exit 1; }
done
# dotnet leaves an executable that was already up to date as it was: its time says when it was last
# checked against the sources (make publish and the integration specs compare the two).
touch "$dist/hpcmaint" "$dist/hpcmaint-health" "$dist/hpcmaint-reboot"
echo "published to $dist in $((($(date +%s%N) - start) / 1000000)) ms:"
ls -l "$dist/hpcmaint" "$dist/hpcmaint-health" "$dist/hpcmaint-reboot"
