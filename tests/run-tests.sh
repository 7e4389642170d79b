#!/usr/bin/env bash
# `make test`: builds, runs the unit and adapter tests once, then the integration tests (a real Slurm
# cluster, started by the tests themselves through tests/testbed/testbed.sh) once per Slurm release the
# testbed runs (22.05, 24.11 and 26.05 by default; HPCMAINT_TEST_RELEASES picks others), each result line naming its release, and
# ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
started=$SECONDS
stage() { printf '== %s (at %d s)\n' "$*" $((SECONDS - started)); }

stage "installing what the tests need (slurm-wlm, munge, ansible) when missing"
if ! bash tests/testbed/testbed.sh install; then
  echo "cannot install Slurm: run as root on Debian 12 with apt access" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
# Debian's ansible (ansible-core 2.14 on Debian 12) runs ansible/adhoc/rebuild-via-slurm.yml and the
# hpcmaint role in the integration tests.
if ! command -v ansible-playbook >/dev/null; then
  if ((EUID != 0)); then
    echo "cannot install Debian's ansible (ansible-playbook is missing): installing it needs root" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ansible; } >&2; then
    echo "cannot install Debian's ansible: apt-get install -y ansible failed (see above)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# make packages builds the .deb and .rpm with dpkg-deb, rpmbuild and help2man; the packaging specs
# check the .deb with lintian.
packaging_tools=()
command -v rpmbuild >/dev/null || packaging_tools+=(rpm)
command -v help2man >/dev/null || packaging_tools+=(help2man)
command -v lintian >/dev/null || packaging_tools+=(lintian)
if ((${#packaging_tools[@]})); then
  if ((EUID != 0)) || ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${packaging_tools[@]}"; } >&2; then
    echo "cannot install ${packaging_tools[*]} (make packages and its specs need them): apt-get install -y ${packaging_tools[*]} as root" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The later releases' roots (Debian packages in a cached root each, built when missing): mostly downloads,
# so they are built while the solution builds.
# HPCMAINT_TEST_RELEASES="22.05" runs the host's release alone (a quicker local run).
read -ra releases <<<"${HPCMAINT_TEST_RELEASES:-22.05 24.11 26.05}"
declare -A root_build=()
for release in "${releases[@]:1}"; do
  bash tests/testbed/testbed.sh install --slurm "$release" >"$results/root-$release.log" 2>&1 &
  root_build[$release]=$!
done

stage "building"
if ! dotnet build HpcMaint.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi
# The integration specs run the shipped executables (Native AOT, dist/) and install the packages.
stage "publishing (Native AOT) and packaging"
publish_start=$(date +%s)
if ! make --no-print-directory publish packages; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "published and packaged in $(($(date +%s) - publish_start)) s"

# Every process the tests start carries this mark (the testbed passes it to its daemons), so what this
# run leaves behind is found below, and other runs on the same machine are not mistaken for it.
export HPCMAINT_TEST_RUN="$$-$(date +%s%N)"
status=0
run_tests() { # PROJECT TRX-NAME
  dotnet test "tests/$1/$1.csproj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$2.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 8m || status=1
}
for project in HpcMaint.Toml.Tests HpcMaint.Core.Tests HpcMaint.Adapters.Tests; do
  stage "$project"
  run_tests "$project" "$project"
done

declare -A no_root=()
for release in "${!root_build[@]}"; do
  if ! wait "${root_build[$release]}"; then
    echo "cannot build the Slurm $release root (mmdebstrap of its Debian suite): the end of $results/root-$release.log:" >&2
    tail -n 20 "$results/root-$release.log" >&2
    no_root[$release]=1
    status=1
  fi
done
for release in "${releases[@]}"; do
  stage "HpcMaint.Integration.Tests on Slurm $release"
  if [[ -n ${no_root[$release]:-} ]]; then
    echo "HpcMaint.Integration.Tests on Slurm $release: not run, its root could not be built" >&2
    continue
  fi
  HPCMAINT_SLURM=$release run_tests HpcMaint.Integration.Tests "HpcMaint.Integration.Tests.slurm-$release"
done

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # xunit's TRX counts a skipped test in total but not in executed.
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  name=$(basename "$trx" .trx)
  [[ $name != *.slurm-* ]] || name="${name%.slurm-*} on Slurm ${name##*.slurm-}"
  printf '%s: %d passed, %d failed, %d skipped\n' "$name" "${p:-0}" "${f:-0}" $((${t:-0} - ${e:-0}))
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done

# The tests must leave no process of their own behind: every testbed daemon (and what it starts) and
# every process a spec starts carries this run's HPCMAINT_TEST_RUN in its environment.
leftover=$(for environ in /proc/[0-9]*/environ; do
  if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "HPCMAINT_TEST_RUN=$HPCMAINT_TEST_RUN"; then
    pid=${environ#/proc/}; pid=${pid%/environ}
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
    [ "$state" = Z ] || [ -z "$state" ] || echo "$pid $( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null)"
  fi
done)
if [ -n "$leftover" ]; then
  echo "processes left running by the tests:" >&2
  echo "$leftover" >&2
  failed=$((failed + 1))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
# A skipped test shows nothing: say so, with where the reasons are, before the result line.
((skipped == 0)) || echo "$skipped skipped (each [Fact(Skip = …)] or attribute setting Skip says why): $(grep -rlE 'Skip = \$?"' tests --include=*.cs | tr '\n' ' ')"
echo "took $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
