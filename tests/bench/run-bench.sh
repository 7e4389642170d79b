#!/usr/bin/env bash
# `make bench`: whole-process figures for the published executables (start-up included), measured
# on this machine, never asserted by tests. Prints a table; targets are from the issue tracker.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=$(readlink -f "${1:-dist}")
runs=${BENCH_RUNS:-30}
work=$(mktemp -d /tmp/hpcmaint-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; } ||
    { echo "make bench needs GNU time (apt-get install time) for peak memory" >&2; exit 1; }
fi
command -v scontrol >/dev/null || bash tests/testbed/testbed.sh install

# scontrol show hostnames/hostlist need only a readable slurm.conf (no daemon).
printf 'ClusterName=bench\nSlurmctldHost=localhost\n' >"$work/slurm.conf"
export SLURM_CONF=$work/slurm.conf
printf '[audit]\njournal = "%s/audit.jsonl"\n' "$work" >"$work/hpcmaint.toml"
export HPCMAINT_CONFIG=$work/hpcmaint.toml

now_ns() { date +%s%N; }

# Median wall time in ms of `runs` runs of a command (stdin from $STDIN_FILE when set).
median_ms() {
  local i t0 t1 samples=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    if [[ -n ${STDIN_FILE:-} ]]; then "$@" <"$STDIN_FILE" >/dev/null 2>&1; else "$@" >/dev/null 2>&1; fi
    t1=$(now_ns)
    samples+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# Peak resident memory in MiB of one run (GNU time's %M is in KiB).
peak_mib() {
  if [[ -n ${STDIN_FILE:-} ]]; then
    /usr/bin/time -f '%M' -o "$work/peak" "$@" <"$STDIN_FILE" >/dev/null 2>&1 || true
  else
    /usr/bin/time -f '%M' -o "$work/peak" "$@" >/dev/null 2>&1 || true
  fi
  awk '{k = $1} END {printf "%.1f", k/1024}' "$work/peak"
}

# The fork+exec+date overhead of the measuring loop itself, subtracted from nothing but shown.
baseline=$(median_ms /bin/true)

row() { printf '%-58s %10s %10s %s\n' "$@"; }
echo "hpcmaint benchmarks ($(nproc) cores, median of $runs runs, loop overhead ${baseline} ms included in every figure)"
row "what" "wall ms" "peak MiB" "target"
row "hpcmaint --version" "$(median_ms "$dist/hpcmaint" --version)" "$(peak_mib "$dist/hpcmaint" --version)" "<= 30 ms, <= 30 MiB"
row "hpcmaint-reboot --dry-run n1" "$(median_ms "$dist/hpcmaint-reboot" --dry-run n1)" "$(peak_mib "$dist/hpcmaint-reboot" --dry-run n1)" "<= 30 ms, <= 30 MiB"

# hpcmaint-health with 12 NHC-like checks, all passing, decision included (no Slurm command is
# needed on a healthy node that slurmctld saw recently). LBNL NHC 1.5: 155 ms, 5.9 MiB here.
mapfile -t daemons < <(tests/bench/nhc-like-checks.sh "$work")
trap 'kill "${daemons[@]}" 2>/dev/null; rm -rf "$work"' EXIT
SLURMD_NODENAME=n1 HPCMAINT_CONFIG=$work/nhc.toml "$dist/hpcmaint-health" --once >"$work/nhc-once.txt" 2>&1 || true
if grep -q "FAIL\|ERROR" "$work/nhc-once.txt"; then
  echo "the NHC-like checks do not all pass on this machine:" >&2
  cat "$work/nhc-once.txt" >&2
fi
row "hpcmaint-health, 12 NHC-like checks + decision" "$(SLURMD_NODENAME=n1 HPCMAINT_CONFIG=$work/nhc.toml median_ms "$dist/hpcmaint-health")" "$(SLURMD_NODENAME=n1 HPCMAINT_CONFIG=$work/nhc.toml peak_mib "$dist/hpcmaint-health")" "<= 40 ms, <= 30 MiB (NHC 1.5: 155 ms)"

# 100,000 names in 4 racks with gaps, the shape of a real large cluster's list. Kept under 1 MiB as a
# comma list: 22.05's `scontrol show hostlist <file>` silently truncates larger files.
awk 'BEGIN { for (r = 1; r <= 4; r++) for (i = 1; i <= 25000; i++) if (i % 97 != 0 || r == 4) printf "r%dg%05d\n", r, i }' >"$work/names"
need=$((100000 - $(wc -l <"$work/names")))
awk -v n="$need" 'BEGIN { for (i = 1; i <= n; i++) printf "s%06d\n", i * 3 }' >>"$work/names"
paste -sd, "$work/names" >"$work/names.csv"
count=$(wc -l <"$work/names")
expr=$("$dist/hpcmaint" hostlist compress <"$work/names")
printf '%s' "$expr" >"$work/expr"

ours=$("$dist/hpcmaint" hostlist compress <"$work/names")
theirs=$(scontrol show hostlist "$work/names.csv")
[[ "$ours" == "$theirs" ]] && agree=yes || agree=NO
ours_n=$("$dist/hpcmaint" hostlist expand "$expr" | md5sum)
theirs_n=$(scontrol show hostnames "$expr" | md5sum)
[[ "$ours_n" == "$theirs_n" ]] && agree_e=yes || agree_e=NO

echo
echo "hostlist, $count names ($(wc -c <"$work/names.csv") bytes as a comma list; compressed to ${#expr} characters)"
row "what" "wall ms" "peak MiB" "target / agrees with scontrol"
row "hpcmaint hostlist compress (stdin)" "$(STDIN_FILE=$work/names median_ms "$dist/hpcmaint" hostlist compress)" "$(STDIN_FILE=$work/names peak_mib "$dist/hpcmaint" hostlist compress)" "<= 45 ms / $agree"
row "scontrol show hostlist <file>" "$(median_ms scontrol show hostlist "$work/names.csv")" "$(peak_mib scontrol show hostlist "$work/names.csv")" "(reference)"
row "hpcmaint hostlist expand <expr>" "$(median_ms "$dist/hpcmaint" hostlist expand "$expr")" "$(peak_mib "$dist/hpcmaint" hostlist expand "$expr")" "<= 30 ms / $agree_e"
row "scontrol show hostnames <expr>" "$(median_ms scontrol show hostnames "$expr")" "$(peak_mib scontrol show hostnames "$expr")" "(reference)"
