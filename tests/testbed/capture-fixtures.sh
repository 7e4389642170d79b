#!/usr/bin/env bash
# Captures real Slurm output from a testbed cluster of one release, as fixtures for the parsers:
# tests/HpcMaint.Adapters.Tests/Fixtures/slurm-RELEASE/ (README.md there says what each file shows).
# Usage: capture-fixtures.sh [--slurm RELEASE] [--out DIR]    (as root; takes about two minutes)
# RELEASE is one of `testbed.sh releases` (default 22.05); every release runs the same scenario.
set -Eeuo pipefail
trap 'printf "capture-fixtures: failed at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
release=22.05 out=''
while (($# > 0)); do
  case $1 in
    --slurm) release=$2 ;;
    --out) out=$2 ;;
    *) echo "usage: capture-fixtures.sh [--slurm RELEASE] [--out DIR]" >&2; exit 2 ;;
  esac
  shift 2
done
out=${out:-$here/../HpcMaint.Adapters.Tests/Fixtures/slurm-$release}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# A fixed directory, so paths inside the fixtures (job work dirs, logs) are the same on every run.
dir=/tmp/hpcmaint-fixtures-$release
testbed=$here/testbed.sh

"$testbed" down --dir "$dir" >/dev/null
"$testbed" up --dir "$dir" --slurm "$release" --nodes 5 --resume-timeout 10 >/dev/null
trap '"$testbed" down --dir "$dir" >/dev/null && rm -rf "$dir"' EXIT
# SLURM_CONF, and the release's clients first on PATH (the host's 22.05 ones cannot talk to a later slurmctld).
# shellcheck source=/dev/null
. "$dir/env.sh"
# From 23.02 sinfo --json groups nodes; the per-node list is scontrol show node --json (new then).
node_json=''
[[ $(scontrol version) == *" 22.05."* ]] || node_json=1
cd "$dir/work"

say() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

capture() { # FILE COMMAND...: stdout of a command that must succeed
  "${@:2}" >"$out/$1"
}

capture_failure() { # NAME COMMAND...: NAME.stdout, NAME.stderr and NAME.exit of a command that fails
  local status=0
  "${@:2}" >"$out/$1.stdout" 2>"$out/$1.stderr" || status=$?
  printf '%s\n' "$status" >"$out/$1.exit"
}

snapshot() { # NAME: the node views, sinfo --json, scontrol show node -o and (23.02+) scontrol show node --json
  capture "$1.sinfo.json" sinfo --json
  capture "$1.scontrol-node.txt" scontrol show node -o
  [[ -z $node_json ]] || capture "$1.scontrol-node.json" scontrol show node --json
  say "snapshot $1"
}

detail() { # NAME NODE: one node, multi-line
  capture "$1.scontrol-show-node.txt" scontrol show node "$2"
}

wait_until() { # SECONDS WHAT COMMAND...
  local limit=$(($1 * 5)) what=$2 i
  shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" && return 0
    sleep 0.2
  done
  printf 'capture-fixtures: timed out waiting for %s\n' "$what" >&2
  exit 1
}

node_has() { scontrol show node "$1" -o | grep -Eq "$2"; }   # NODE REGEX (' State=…': NextState= holds 'State=' too)
job_is() { scontrol show job "$1" -o | grep -q "JobState=$2 "; } # JOB STATE
submit() { sbatch --parsable "$@"; }

say "cluster, partitions, no reservation, all nodes idle"
capture version.txt scontrol version
capture ping.txt scontrol ping
capture partitions.scontrol.txt scontrol show partition -o
capture reservations-none.scontrol.txt scontrol show reservation -o
snapshot nodes-idle
detail node-detail-idle n1

say "errors"
capture_failure error-update-unknown-node scontrol update nodename=nosuch state=drain reason=x
capture_failure error-reboot-unknown-node scontrol reboot nosuch
capture_failure error-show-unknown-node scontrol show node nosuch
capture_failure error-show-unknown-job scontrol show job 999999
capture_failure error-sbatch-unknown-node sbatch -w nosuch --wrap true

say "a completed and a failed job"
completed=$(submit -J completed --wrap true)
failed=$(submit -J failed --wrap 'exit 3')
wait_until 20 "jobs to finish" job_is "$failed" FAILED
wait_until 20 "jobs to finish" job_is "$completed" COMPLETED

say "n5 reboots and never comes back (reboot timed out in 10-40 s)"
echo never >"$dir/sim/n5.mode"
scontrol reboot reason="hpcmaint: firmware" n5

say "n1 drained"
scontrol update nodename=n1 state=drain reason="hpcmaint: gpu.ecc uncorrectable"
wait_until 10 "n1 drained" node_has n1 ' State=IDLE\+DRAIN '
snapshot nodes-drained
capture_failure sbatch-to-drained-node sbatch -J waits-for-n1 -w n1 --wrap true
capture_failure error-srun-immediate-drained-node srun -w n1 --immediate=2 true

say "n2 draining: allocated, then drained"
long=$(submit -J long -w n2 --exclusive --wrap 'sleep 300')
wait_until 20 "job on n2" job_is "$long" RUNNING
scontrol update nodename=n2 state=drain reason="hpcmaint: rolling reboot"
snapshot nodes-draining

say "n3 partly busy (mixed), reboot requested (ASAP, nextstate=RESUME)"
echo 8 >"$dir/sim/n3.downtime"
short=$(submit -J short -w n3 --wrap 'sleep 6')
wait_until 20 "job on n3" job_is "$short" RUNNING
scontrol reboot ASAP nextstate=RESUME reason="hpcmaint: kernel update" n3
wait_until 10 "n3 reboot requested" node_has n3 REBOOT_REQUESTED
snapshot nodes-reboot-requested

say "rebuild job on n4: node powering up, job configuring"
echo 8 >"$dir/sim/n4.downtime"
rebuild=$(submit -J rebuild-n4 -p rebuild -w n4 --reboot --exclusive --no-requeue \
  --comment='hpcmaint: rebuild n4 image=2026.11' --wrap 'sleep 5')
wait_until 10 "n4 powering up" node_has n4 POWERING_UP
wait_until 10 "rebuild job configuring" job_is "$rebuild" CONFIGURING
snapshot nodes-reboot-job
capture jobs-mixed.squeue.json squeue --all --states=all --json
capture jobs-mixed.scontrol.txt scontrol show job -o
capture job-configuring.scontrol.txt scontrol show job -o "$rebuild"
capture job-running.scontrol.txt scontrol show job -o "$long"
capture job-pending.scontrol.txt scontrol show job -o "$(squeue -h -n waits-for-n1 -o %i)"
capture job-completed.scontrol.txt scontrol show job -o "$completed"

say "n3 rebooting after its job: down, reboot issued"
wait_until 30 "n3 reboot issued" node_has n3 REBOOT_ISSUED
snapshot nodes-reboot-issued
wait_until 30 "n3 back" node_has n3 ' State=IDLE '
wait_until 40 "rebuild job done" job_is "$rebuild" COMPLETED
capture jobs-rebuild-completed.squeue.json squeue --all --states=all --json

say "n1 resumed, its waiting job cancelled first (24.11 keeps the reason until a job has run there); MAINT reservations"
scancel "$(squeue -h -n waits-for-n1 -o %i)"
scontrol update nodename=n1 state=resume
wait_until 20 "n1 idle" node_has n1 ' State=IDLE '
snapshot nodes-resumed
scontrol create reservation reservationname=maint_n1 starttime=now duration=UNLIMITED users=root \
  flags=MAINT,IGNORE_JOBS nodes=n1 >/dev/null
wait_until 10 "n1 in maintenance" node_has n1 ' State=IDLE\+MAINTENANCE\+RESERVED '
snapshot nodes-maint-reservation
capture reservations-one.scontrol.txt scontrol show reservation -o
scontrol create reservation reservationname=maint_n2_later starttime=now+1hour duration=120 users=root \
  flags=MAINT,IGNORE_JOBS nodes=n2 >/dev/null
capture reservations-two.scontrol.txt scontrol show reservation -o

say "comment and extra on n4"
scontrol update nodename=n4 comment='hpcmaint:{"c":"gpu.ecc","s":"reboot","n":1}'
scontrol update nodename=n4 extra='{"hpcmaint":{"step":"rebuild"}}'
snapshot nodes-comment-extra

say "n5: reboot timed out"
wait_until 60 "n5 reboot timed out" node_has n5 'reboot timed out'
snapshot nodes-reboot-timed-out

say "an admin reboots n3 to stay down (nextstate=DOWN, no reason given; 24.11 kept hpcmaint's old reason), and asks again"
scontrol reboot nextstate=DOWN n3
wait_until 10 "n3 reboot issued" node_has n3 REBOOT_ISSUED
snapshot nodes-reboot-to-down
capture_failure reboot-again scontrol reboot n3
wait_until 30 "n3 down after its reboot" node_has n3 ' State=DOWN '
snapshot nodes-rebooted-to-down

say "one node in detail: drained with comment and extra (n3), reboot requested on a busy node (n4)"
scontrol update nodename=n3 state=resume
wait_until 20 "n3 idle" node_has n3 ' State=IDLE '
scontrol update nodename=n3 state=drain reason="hpcmaint: x: a vs b"
scontrol update nodename=n3 comment='hpcmaint:{"hold":{"r":"bios work x","by":"root","at":1}}'
scontrol update nodename=n3 extra='x y'
detail node-detail-drained-comment-extra n3
busy=$(submit -J busy -w n4 --wrap 'sleep 300')
wait_until 20 "job on n4" job_is "$busy" RUNNING
scontrol reboot reason="hpcmaint test" n4
wait_until 10 "n4 reboot requested" node_has n4 REBOOT_REQUESTED
detail node-detail-reboot-requested n4

controller_faults() {
  say "slurmctld killed: every client fails at once"
  "$testbed" kill-controller --dir "$dir" >/dev/null
  capture_failure controller-down-sinfo sinfo --json
  capture_failure controller-down-squeue squeue --all --states=all --json
  capture_failure controller-down-show-node scontrol show node n1
  capture_failure controller-down-reservations scontrol show reservation -o
  capture_failure controller-down-update scontrol update nodename=n1 state=drain reason=x
  capture_failure controller-down-reboot scontrol reboot n1
  capture_failure controller-down-sbatch sbatch --parsable -p rebuild -w n1 --wrap true
  capture_failure controller-down-ping scontrol ping

  say "slurmctld stopped (SIGSTOP): every client times out after MessageTimeout (10 s)"
  "$testbed" start-controller --dir "$dir" >/dev/null
  local pid
  pid=$(awk '$3 == "slurmctld" { p = $1 } END { print p }' "$dir/run/pids")
  kill -STOP "$pid"
  capture_failure controller-hung-sinfo sinfo --json &
  capture_failure controller-hung-squeue squeue --all --states=all --json &
  capture_failure controller-hung-show-node scontrol show node n1 &
  capture_failure controller-hung-update scontrol update nodename=n1 state=drain reason=x &
  capture_failure controller-hung-sbatch sbatch --parsable -p rebuild -w n1 --wrap true &
  wait
  kill -CONT "$pid"
}
controller_faults
say "done: $out"
