#!/usr/bin/env bash
# `make bench`, issue 14: capacity lost by `hpcmaint reboot --strategy reservation|drain|job`, and the
# reservation run's makespan against the ideal, on two workloads. A 4-node testbed (2 CPUs a node) of the
# host's Slurm; every job with a --time limit (Slurm's are whole minutes).
#   shared (the one issue 14's target is about): every node shared by a long job on 1 of its 2 CPUs, the
#     long jobs 12, 18, 24 and 30 x the measured reboot cycle, and a queue of short 1-CPU jobs whose limits
#     fit before the reservations. Issue 14's case for reservations is that "draining wastes capacity: a
#     reservation that starts at the node's last job end lets short jobs still backfill before it": that
#     needs free CPUs beside a long job, and jobs long against the reboot (on real clusters hours against
#     minutes, 30-100 x). Judged by CPU: a drained node waiting for its long job on 1 of 2 CPUs loses half
#     a node, which the whole-node figure (out with no user job at all) cannot see.
#   shared-short (shown, not judged): the same with long jobs of 6, 9, 12 and 15 x the cycle, the workload
#     the target was judged on until stop 21 (0.51-0.55 there). Its ratio is bound by the reboot itself: a
#     reservation loses little more than Slurm's own reboot cycle per node (the "per node / Slurm's cycle"
#     row), while drain loses the cycle plus half a node while the admitted node's long job runs, so the
#     ratio falls as the jobs grow long against the reboot and cannot reach 0.5 when they are short.
#   mixed (the earlier workload, kept for comparison, not judged): long jobs of 6-24 s (n3's takes the
#     whole node), 24 short jobs queued behind them.
# scontrol/squeue are sampled every 0.5 s (the testbed has no accounting: sacct cannot say when a node
# was drained or reserved).
#
# Lost (node-s): a node out of user work's reach (drained, down, in a reservation, rebooting, or running
# hpcmaint's own reboot job) while no user job runs on it. Lost by CPU (node-s): the same over its free
# CPUs, so a drained node whose long job still runs on 1 of its 2 CPUs loses half a node.
# Ideal makespan: one node at a time at 25 % of 4, each node's reboot starting when its last user job
# ended (or the previous wave's cycle did), one cycle = Slurm's own reboot of one idle node (`scontrol
# reboot n1` until it is idle again, median of 3), as issue 14's ideal; also shown against one whole
# `hpcmaint reboot --nodes n1 --strategy reservation` of an idle node (median of 3) as the cycle.
# Usage: strategy-bench.sh [DIST]   (root; prints rows as run-bench.sh does)
# BENCH_SHARED_ROUNDS (default 1; shared-short's too, 0 leaves it out), BENCH_STRATEGY_ROUNDS (the mixed
# workload's, default 2; 0 leaves it out).
set -euo pipefail
umask 022 # what hpcmaint names must not be group- or world-writable
cd "$(dirname "$0")/../.."
dist=$(readlink -f "${1:-dist}")
work=$(mktemp -d /tmp/hpcmaint-strategy-bench-XXXXXX)
chmod 755 "$work" # munged wants every directory above its socket open to all
tb=$work/tb
stop=$work/stop-sampling
sampler=
cleanup() {
  touch "$stop"
  [[ -z $sampler ]] || wait "$sampler" 2>/dev/null || true
  bash tests/testbed/testbed.sh down --dir "$tb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/bench/bench-testbed.sh
bench_testbed_up "$tb" "$dist" 4
export SLURM_CONF=$tb/etc/slurm.conf HPCMAINT_CONFIG=$tb/hm/hpcmaint.toml

now_ms() { echo $(($(date +%s%N) / 1000000)); }
row() { printf '%-58s %10s %10s %s\n' "$@"; }

# No job left, every node idle with no flag and no reservation: the previous run is over.
wait_quiet() {
  local i
  for ((i = 0; i < 1200; i++)); do
    if [[ -z $(squeue -h -o %i 2>/dev/null) ]] && [[ $(sinfo -h -N -p batch -o '%T' | sort -u) == idle ]] &&
      scontrol show reservation 2>/dev/null | grep -q 'No reservations'; then
      return 0
    fi
    sleep 0.1
  done
  echo "the testbed did not become quiet:" >&2
  sinfo -N -p batch >&2
  squeue >&2
  exit 1
}

# One line per node per sample: MS NODE STATE CPUALLOC CPUTOT USERJOB HPCMAINTJOB (0/1).
sample() {
  local out=$1 next t wait_ms
  next=$(now_ms)
  while [[ ! -e $stop ]]; do
    t=$(now_ms)
    squeue -h -t R,CG,CF -o '%P %N' >"$work/jobs" 2>/dev/null || : >"$work/jobs"
    scontrol -o show node >"$work/nodes" 2>/dev/null || : >"$work/nodes"
    awk -v t="$t" '
      FNR == NR { if ($2 != "") { if ($1 == "rebuild") hpc[$2] = 1; else user[$2] = 1 } next }
      {
        name = ""; state = ""; alloc = 0; tot = 0
        for (i = 1; i <= NF; i++) {
          split($i, kv, "=")
          if (kv[1] == "NodeName") name = kv[2]
          else if (kv[1] == "State") state = kv[2]
          else if (kv[1] == "CPUAlloc") alloc = kv[2]
          else if (kv[1] == "CPUTot") tot = kv[2]
        }
        if (name != "") print t, name, state, alloc, tot, (name in user) ? 1 : 0, (name in hpc) ? 1 : 0
      }' "$work/jobs" "$work/nodes" >>"$out"
    next=$((next + 500))
    wait_ms=$((next - $(now_ms)))
    ((wait_ms <= 0)) || sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
  done
}

# The workload (mixed or shared): long jobs pinned to each node, then a queue of short unpinned ones.
workload() {
  local i
  {
    if [[ $1 == shared* ]]; then
      local -n long_s=${1//-/_}_long_s
      # Limits growing with the lengths (admission goes by squeue's end times); 1 minute short ones fit before each.
      for i in 1 2 3 4; do
        sbatch -p batch -w "n$i" -n 1 --time=$((long_s[i - 1] / 60 + i + 1)) -J long -o /dev/null --wrap "sleep ${long_s[i - 1]}"
      done
      for _ in $(seq "$shared_queue"); do sbatch -p batch -n 1 --time=1 -J short -o /dev/null --wrap 'sleep 5'; done
    else
      sbatch -p batch -w n1 -n 1 --time=5 -J long -o /dev/null --wrap 'sleep 24'
      sbatch -p batch -w n2 -n 1 --time=4 -J long -o /dev/null --wrap 'sleep 16'
      sbatch -p batch -w n3 --exclusive --time=3 -J long -o /dev/null --wrap 'sleep 10'
      sbatch -p batch -w n4 -n 1 --time=2 -J long -o /dev/null --wrap 'sleep 6'
      for _ in $(seq 24); do sbatch -p batch -n 1 --time=1 -J short -o /dev/null --wrap 'sleep 4'; done
    fi
  } >/dev/null
  # The long jobs run before hpcmaint looks (its admission goes by their ends).
  for ((i = 0; i < 100; i++)); do
    (($(squeue -h -t R -n long -o %i | wc -l) >= 4)) && return 0
    sleep 0.1
  done
  echo "the workload's long jobs did not start" >&2
  squeue >&2
  exit 1
}

node_state() { scontrol -o show node "$1" | sed -n 's/.* State=\([^ ]*\).*/\1/p'; }

# Slurm's reboot cycle: `scontrol reboot` of idle n1 until it is idle again with no flag, three times (median).
wait_quiet
cycles=()
for _ in 1 2 3; do
  t0=$(now_ms)
  scontrol reboot n1
  for ((i = 0; i < 1200; i++)); do [[ $(node_state n1) == IDLE ]] || break; sleep 0.02; done
  for ((i = 0; i < 1200; i++)); do [[ $(node_state n1) != IDLE ]] || break; sleep 0.02; done
  [[ $(node_state n1) == IDLE ]] || { echo "n1 is not back from scontrol reboot: $(node_state n1)" >&2; exit 1; }
  cycles+=($(($(now_ms) - t0)))
  wait_quiet
done
slurm_cycle_ms=$(printf '%s\n' "${cycles[@]}" | sort -n | sed -n 2p)

# hpcmaint's cycle: its whole reboot of one idle node, three times (median).
cycles=()
for _ in 1 2 3; do
  t0=$(now_ms)
  "$dist/hpcmaint" reboot --nodes n1 --max-down 25 --strategy reservation >"$work/cycle.out" 2>&1 || { cat "$work/cycle.out" >&2; exit 1; }
  cycles+=($(($(now_ms) - t0)))
  wait_quiet
done
cycle_ms=$(printf '%s\n' "${cycles[@]}" | sort -n | sed -n 2p)

# run_workload WORKLOAD ROUNDS: rounds of the three strategies in turn, a line per run in results-WORKLOAD.
run_workload() {
  local load=$1 rounds=$2 run strategy samples t0 t1 queued
  for run in $(for r in $(seq "$rounds"); do printf "$load-reservation-$r $load-drain-$r $load-job-$r "; done); do
    strategy=${run#"$load"-}
    strategy=${strategy%-*}
    wait_quiet
    samples=$work/samples-$run
    : >"$samples"
    rm -f "$stop"
    : >"$tb/sim/reboots.log"
    sample "$samples" &
    sampler=$!
    workload "$load"
    t0=$(now_ms)
    "$dist/hpcmaint" reboot --partition batch --max-down 25 --strategy "$strategy" >"$work/$run.out" 2>&1 ||
      { cat "$work/$run.out" >&2; exit 1; }
    t1=$(now_ms)
    queued=$(squeue -h -t PD -n short -o %i | wc -l) # demand was still there when the maintenance ended
    wait_quiet # the queue's last jobs too: a node lost after hpcmaint ended still counts
    touch "$stop"
    wait "$sampler"
    sampler=
    # BENCH_KEEP=DIR: the samples, hpcmaint's output and the simulator's reboots, to look at afterwards.
    [[ -z ${BENCH_KEEP:-} ]] || { mkdir -p "$BENCH_KEEP" && cp "$samples" "$work/$run.out" "$BENCH_KEEP/" && cp "$tb/sim/reboots.log" "$BENCH_KEEP/reboots-$run.log" && echo "$t0 $t1" >"$BENCH_KEEP/t-$run"; }

    # reboots.log: EPOCHREALTIME NODE MODE, the moment the simulator took the node down.
    printf '%s %s ' "$strategy" "$queued" >>"$work/results-$load"
    awk -v t0="$t0" -v t1="$t1" -v cycle="$slurm_cycle_ms" -v cycle2="$cycle_ms" -v slots=1 '
        FILENAME ~ /reboots.log$/ { ms = int($1 * 1000); if (!($2 in boot) && ms >= t0) boot[$2] = ms; next }
        {
          t = $1; n = $2; st = $3; alloc = $4; tot = $5; user = $6; hpc = $7
          if (!(t in times)) { times[t] = 1; ts[++k] = t } # samples are appended in time order
          nodes[n] = 1
          out = hpc || st ~ /DRAIN|DOWN|MAINT|RESERVED|REBOOT|POWER|NOT_RESPONDING|FAIL|UNKNOWN/
          frac = hpc ? 1 : (tot > 0 ? (tot - alloc) / tot : 0)
          strict[t] += (out && !user) ? 1 : 0
          bycpu[t] += out ? frac : 0
          waiting[t] += (out && !user && !hpc && st !~ /REBOOT|DOWN|POWER|NOT_RESPONDING/) ? 1 : 0
          if (user) busy[n, t] = 1
        }
        END {
          for (i = 1; i < k; i++) {
            dt = (ts[i + 1] - ts[i]) / 1000
            if (dt > 2) dt = 2 # a stalled sample counts as at most 2 s
            s += strict[ts[i]] * dt; c += bycpu[ts[i]] * dt; w += waiting[ts[i]] * dt
          }
          # Each node: its last user job before its reboot ended at the last sample that saw one.
          m = 0
          for (n in nodes) {
            end = t0
            for (i = 1; i <= k; i++) if ((n, ts[i]) in busy && ts[i] >= t0 && (!(n in boot) || ts[i] < boot[n])) end = ts[i]
            ends[++m] = end - t0
          }
          for (i = 2; i <= m; i++) for (j = i; j > 1 && ends[j - 1] > ends[j]; j--) { x = ends[j]; ends[j] = ends[j - 1]; ends[j - 1] = x }
          printf "%.1f %.1f %.1f %d %d %d\n", s, c, w, t1 - t0, ideal(cycle), ideal(cycle2)
        }
        function ideal(cycle,   j, i, best, start, finish) {
          for (j = 1; j <= slots; j++) free[j] = 0
          finish = 0
          for (i = 1; i <= m; i++) {
            best = 1
            for (j = 2; j <= slots; j++) if (free[j] < free[best]) best = j
            start = ends[i] > free[best] ? ends[i] : free[best]
            free[best] = start + cycle
            if (free[best] > finish) finish = free[best]
          }
          return finish
        }' "$tb/sim/reboots.log" "$samples" >>"$work/results-$load"
  done
}

# The shared workloads' long jobs: 12-30 and 6-15 x Slurm's cycle (whole seconds); a queue that outlasts the run.
shared_long_s=() shared_short_long_s=()
for k in 12 18 24 30; do shared_long_s+=($(((k * slurm_cycle_ms + 999) / 1000))); done
for k in 6 9 12 15; do shared_short_long_s+=($(((k * slurm_cycle_ms + 999) / 1000))); done
shared_queue=${BENCH_SHARED_QUEUE:-120}
shared_rounds=${BENCH_SHARED_ROUNDS:-1}
mixed_rounds=${BENCH_STRATEGY_ROUNDS:-2}
run_workload shared "$shared_rounds"
((shared_rounds == 0)) || run_workload shared-short "$shared_rounds"
((mixed_rounds == 0)) || run_workload mixed "$mixed_rounds"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print ((a + 0 <= b + 0) ? "PASS" : "FAIL") }'; }
half() { awk -v d="$1" 'BEGIN { print d / 2 }'; }
per_node() { awk -v l="$1" -v c="$slurm_cycle_ms" 'BEGIN { printf "%.2f", l / 4 / (c / 1000) }'; }

# report WORKLOAD ROUNDS TITLE JUDGED: per strategy the mean over the rounds of each figure; the makespan
# ratio is the worst round's. JUDGED=yes: the lost-capacity target's verdicts (by CPU), else not judged.
report() {
  local load=$1 rounds=$2 title=$3 judged=$4 strategy q s c w m i x x2
  local -A queued lost lost_cpu lost_waiting makespan ideal worst worst2
  while read -r strategy q s c w m i x x2; do
    queued[$strategy]=$q lost[$strategy]=$s lost_cpu[$strategy]=$c lost_waiting[$strategy]=$w makespan[$strategy]=$m ideal[$strategy]=$i worst[$strategy]=$x worst2[$strategy]=$x2
  done < <(awk '{ n[$1]++; q[$1] += $2; s[$1] += $3; c[$1] += $4; w[$1] += $5; m[$1] += $6; i[$1] += $7
      r = $6 / $7; if (r > x[$1]) x[$1] = r; r = $6 / $8; if (r > x2[$1]) x2[$1] = r }
    END { for (k in n) printf "%s %.1f %.1f %.1f %.1f %d %d %.2f %.2f\n", k, q[k] / n[k], s[k] / n[k], c[k] / n[k], w[k] / n[k], m[k] / n[k], i[k] / n[k], x[k], x2[k] }' "$work/results-$load")
  echo
  echo "reboot by strategy, 4 testbed nodes at --max-down 25, workload $load: $title,"
  [[ $judged != yes ]] || echo "  why this one: issue 14's case for reservations (\"draining wastes capacity: a reservation that starts at the node's last job end lets short jobs still backfill before it\") needs free CPUs beside a long job and jobs long against the reboot; judged by CPU: a drained node waiting for its long job on 1 of 2 CPUs loses half a node"
  echo "  mean of $rounds round(s); one cycle: Slurm's ${slurm_cycle_ms} ms, hpcmaint's ${cycle_ms} ms (medians of 3); makespan x ideal: the worst round's"
  row "what ($load)" "reservation" "drain" "job"
  row "capacity lost, node-s (out of service, no user job)" "${lost[reservation]}" "${lost[drain]}" "${lost[job]}"
  row "capacity lost by CPU, node-s (out of service, free CPUs)" "${lost_cpu[reservation]}" "${lost_cpu[drain]}" "${lost_cpu[job]}"
  row "  of the node-s, out but not rebooting (waiting, gate)" "${lost_waiting[reservation]}" "${lost_waiting[drain]}" "${lost_waiting[job]}"
  row "  by CPU per node, x Slurm's reboot cycle (1: reboot only)" "$(per_node "${lost_cpu[reservation]}")" "$(per_node "${lost_cpu[drain]}")" "$(per_node "${lost_cpu[job]}")"
  row "makespan ms (ideal ms, Slurm's cycle)" "${makespan[reservation]} (${ideal[reservation]})" "${makespan[drain]} (${ideal[drain]})" "${makespan[job]} (${ideal[job]})"
  row "short jobs still queued when hpcmaint ended" "${queued[reservation]}" "${queued[drain]}" "${queued[job]}"
  row "what ($load)" "value" "target" "verdict"
  if [[ $judged == yes ]]; then
    row "node-s lost by CPU, reservation / drain" "$(ratio "${lost_cpu[reservation]}" "${lost_cpu[drain]}")" "<= 0.5" "$(verdict "${lost_cpu[reservation]}" "$(half "${lost_cpu[drain]}")") (the target's figure)"
    row "node-s lost (whole node), reservation / drain" "$(ratio "${lost[reservation]}" "${lost[drain]}")" "<= 0.5" "$(verdict "${lost[reservation]}" "$(half "${lost[drain]}")") (blind to a half-used drained node)"
  else
    row "node-s lost, reservation / drain" "$(ratio "${lost[reservation]}" "${lost[drain]}")" "(<= 0.5)" "not judged: not the target's workload"
    row "node-s lost by CPU, reservation / drain" "$(ratio "${lost_cpu[reservation]}" "${lost_cpu[drain]}")" "(<= 0.5)" "not judged: not the target's workload"
  fi
  row "makespan at 25 % vs ideal (reservation)" "${worst[reservation]}" "<= 1.1" "$(verdict "${worst[reservation]}" 1.1)"
  row "makespan at 25 % vs ideal (drain, job)" "${worst[drain]}, ${worst[job]}" "(no target)" ""
  row "  the same, ideal from hpcmaint's own one-node cycle" "${worst2[reservation]}" "${worst2[drain]}, ${worst2[job]}" "(reservation; drain, job)"
}

report shared "$shared_rounds" "every node shared by a long job on 1 of 2 CPUs (${shared_long_s[*]} s = 12-30 x Slurm's cycle), $shared_queue short 1-CPU 5 s jobs queued; the target's workload" yes
((shared_rounds == 0)) || report shared-short "$shared_rounds" "the same with long jobs of ${shared_short_long_s[*]} s = 6-15 x Slurm's cycle; shown, not judged: bound by the reboot itself" no
((mixed_rounds == 0)) || report mixed "$mixed_rounds" "the earlier one, 4 long jobs 6-24 s (n3's the whole node), 24 short 4 s queued; kept for comparison" no
