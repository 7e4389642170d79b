#!/usr/bin/env bash
# `make aot`: Native AOT builds of the three executables where the ILCompiler runtime pack
# (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64) can be restored from the NuGet source.
# Where it cannot, say so and stop; `make publish` (trimmed, ReadyToRun, single-file) still works.
set -uo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}/aot
mkdir -p "$dist"
for p in HpcMaint.Cli HpcMaint.Health HpcMaint.Reboot; do
  log=$(mktemp)
  if ! dotnet publish "src/$p/$p.csproj" -c Release -p:HpcMaintAot=true -o "$dist" -nologo -clp:ErrorsOnly >"$log" 2>&1; then
    if grep -q 'NU1101\|NU1102' "$log"; then
      echo "make aot: the Native AOT runtime pack cannot be restored from the configured NuGet source:" >&2
      grep -o "Unable to find package [^ ]*" "$log" | sort -u >&2
      echo "make aot: use 'make publish' (trimmed ReadyToRun single-file executables) instead." >&2
    else
      cat "$log" >&2
    fi
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
done
ls -l "$dist"
