#!/usr/bin/env bash
# `make demo`: a private 4-node Slurm cluster on this machine with the published hpcmaint executables
# (dist/) as its HealthCheckProgram, RebootProgram and PrologSlurmctld, and the scenes of flows A and B:
#   1. a GPU fault: strikes, drain, a remedy, the recheck, resume;
#   2. a persistent fault: reboot, rebuild, manual, with the ticket in `hpcmaint status` and a notification;
#   3. the breaker holding a second fault until `hpcmaint breaker reset`;
#   4. a rolling rebuild of the 4 nodes at --max-down 25, never more than 1 node out;
#   5. the audit journal of it all.
# Each scene waits for its evidence with a deadline; when one does not happen the demo says which, shows
# the nodes and the journal's last lines, and exits 1. It leaves nothing running and deletes its
# directory (HPCMAINT_KEEP_TESTBED=1 keeps it). The config is tests/demo/hpcmaint.toml.
set -euo pipefail
umask 022 # what hpcmaint names must not be group- or world-writable
cd "$(dirname "$0")/../.."
repo=$(pwd)
dist=$(readlink -f "${1:-dist}")
testbed=$repo/tests/testbed/testbed.sh
fixtures=$repo/tests/HpcMaint.Core.Tests/Fixtures/gpu/nvidia-smi-xml
healthy=rtx-a5000-x2_590.44.01.xml
ecc_fault=rtx-a5000-x2_590.44.01_ECC-EDITED.xml
lost_gpu=rtx-a5000-x2_590.44.01_GPU-MISSING-EDITED.xml
for exe in hpcmaint hpcmaint-health hpcmaint-reboot; do
  [[ -x $dist/$exe ]] || { echo "demo: $dist/$exe is missing; run make publish first" >&2; exit 2; }
done
((EUID == 0)) || { echo "demo: run it as root (slurmd runs each node in its own UTS namespace)" >&2; exit 2; }

started=$SECONDS
lab=$(mktemp -d /tmp/hpcmaint-testbed-demo-XXXXXX)
hm=$lab/hpcmaint
sampler='' releaser=''

cleanup() {
  local status=$?
  [[ -z $sampler ]] || { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; }
  [[ -z $releaser ]] || { kill "$releaser" 2>/dev/null || true; wait "$releaser" 2>/dev/null || true; }
  bash "$testbed" down --dir "$lab" >/dev/null 2>&1 || true
  if [[ ${HPCMAINT_KEEP_TESTBED:-0} == 1 ]]; then echo "kept $lab"; else rm -rf "$lab"; fi
  exit "$status"
}
trap cleanup EXIT

# ---------------------------------------------------------------- narration and evidence

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
tell() { printf '   %s\n' "$@"; }
at() { printf '[+%3ds] %s\n' $((SECONDS - started)) "$*"; }
show() { printf '$ %s\n' "$*"; }
slurm() { env SLURM_CONF="$lab/etc/slurm.conf" PATH="$lab/bin/slurm":/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
hpcmaint() { "$dist/hpcmaint" "$@"; }
run_hpcmaint() { show "hpcmaint $*"; hpcmaint "$@"; }

# The nodes' state and records and the journal's end, for a scene that did not happen.
diagnose() {
  echo "--- nodes (scontrol show node):"
  slurm scontrol show node -o 2>&1 | grep -oE '^NodeName=[^ ]+|State=[^ ]+|BootTime=[^ ]+|Comment=.*Extra|Reason=.*$' | paste -sd' ' - |
    sed 's/ NodeName=/\nNodeName=/g' || true
  echo "--- last lines of the audit journal:"
  hpcmaint audit 2>&1 | tail -n 15 || true
  echo "--- the cluster's logs: $lab/log (HPCMAINT_KEEP_TESTBED=1 keeps them)"
}

fail() {
  printf '\n\033[1mdemo FAILED after %d s: %s\033[0m\n' $((SECONDS - started)) "$*" >&2
  diagnose >&2
  exit 1
}

wait_for() { # SECONDS WHAT COMMAND...: polls the command until it succeeds; fails the demo at the deadline
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what did not happen within $limit s"
    sleep 0.25
  done
}

# One value of `hpcmaint status NODE --json` (strings without quotes; null for none).
status_of() { # NODE KEY
  hpcmaint status "$1" --json | sed -nE "s/^ *\"$2\": \"(.*)\",?\$/\1/p; s/^ *\"$2\": ([^\"]*[^,]),?\$/\1/p" | head -1
}
breaker_marked() { [[ $(status_of "$1" breaker_open) == true ]]; } # NODE: the node found the breaker open
# A reason without a drain or down is history, not a hold (24.11 keeps it after a resume or reboot):
# status names no owner then.
in_service() { # NODE: no one holds it, no ticket, idle
  local json
  json=$(hpcmaint status "$1" --json)
  grep -q '"reason_owner": "-"' <<<"$json" && grep -q '"ticket_step": null' <<<"$json" &&
    grep -q '"state": "IDLE"' <<<"$json"
}
# The journal only grows: what it says has happened stays said, whatever the nodes do next.
journal_has() { grep -q "\"node\":\"$1\",\"action\":\"$2\",.*\"outcome\":\"succeeded\"" "$hm/audit.jsonl" 2>/dev/null; } # NODE ACTION
journal_note() { grep -q "\"node\":\"$1\",\"action\":\"note\",\"reason\":\"[^\"]*$2" "$hm/audit.jsonl" 2>/dev/null; } # NODE TEXT
journal_reason() { # NODE ACTION: the reason of its last succeeded record
  grep "\"node\":\"$1\",\"action\":\"$2\",.*\"outcome\":\"succeeded\"" "$hm/audit.jsonl" | tail -1 | sed -n 's/.*"reason":"\([^"]*\)".*/\1/p'
}
strikes_of() { # NODE CONDITION: the strike count in the node's metrics file
  sed -n "s/^hpcmaint_health_strikes{check=\"gpus\",condition=\"$2\"} //p" "$hm/metrics-$1.prom" 2>/dev/null
}
struck() { [[ $(strikes_of "$1" "$2") -ge 1 ]] 2>/dev/null || journal_has "$1" drain; } # NODE CONDITION
boot_of() { slurm scontrol show node "$1" -o | grep -oE 'BootTime=[^ ]+' | cut -d= -f2; }
file_has() { [[ -f $1 ]] && grep -q -- "$2" "$1"; }
# NODE FIXTURE: what the node's nvidia-smi prints from now on (renamed into place: a run never reads half a file)
replay() { cp "$fixtures/$2" "$lab/gpu/$1.xml.new" && mv -f "$lab/gpu/$1.xml.new" "$lab/gpu/$1.xml"; }
image_of() { slurm scontrol show node "$1" -o | grep -oE 'ActiveFeatures=[^ ]+' | grep -oE 'image:[^,]+' | cut -d: -f2; }
job_is() { [[ $(slurm squeue -h -t all -j "$1" -o %T 2>/dev/null) == "$2" ]]; } # JOB STATE
job_time() { slurm scontrol show job "$1" -o | grep -oE "(^| )$2=[^ ]+" | cut -d= -f2; } # JOB FIELD
all_on() { local n; for n in n1 n2 n3 n4; do [[ $(image_of $n) == "$1" ]] || return 1; done; }
all_in_service() { local n; for n in n1 n2 n3 n4; do in_service $n || return 1; done; }

# ---------------------------------------------------------------- the demo's site: tools, fixtures, config

mkdir -p "$hm" "$lab/tools" "$lab/gpu" "$lab/sbin"
# The gate is a program the config names: hpcmaint runs it only from directories no one else can write.
install -m 0755 "$dist/hpcmaint" "$lab/sbin/hpcmaint"
sed -e "s|@LAB@|$lab|g" -e "s|@BIN@|$lab/sbin|g" tests/demo/hpcmaint.toml >"$hm/hpcmaint.toml"
export HPCMAINT_CONFIG=$hm/hpcmaint.toml
tool() { # NAME BODY: a small sh script in DIR/tools
  printf '#!/bin/sh\n%s\n' "$2" >"$lab/tools/$1"
  chmod 755 "$lab/tools/$1"
}
tool nvidia-smi "# Stands in for nvidia-smi -q -x: replays this node's capture (hostname is the node's name).
exec /bin/cat $lab/gpu/\$(/bin/hostname).xml"
tool gpu-reset "# Stands in for a GPU reset: the node's GPUs report healthy again.
/bin/cp $fixtures/$healthy $lab/gpu/\$(/bin/hostname).xml.new && /bin/mv -f $lab/gpu/\$(/bin/hostname).xml.new $lab/gpu/\$(/bin/hostname).xml
echo \"\$(/bin/date +%T) \$(/bin/hostname): GPUs reset\" >>$hm/remedies.log"
tool reimage "# Stands in for the site's reimage tool: reimage NODE IMAGE (IMAGE empty: the node's own).
# It 'installs' IMAGE as the node's image:IMAGE Slurm feature, then reboots the node.
PATH=$lab/bin/slurm:/usr/sbin:/usr/bin:/sbin:/bin SLURM_CONF=$lab/etc/slurm.conf
export PATH SLURM_CONF
node=\$1 image=\$2
features=\$(scontrol show node \"\$node\" | sed -n 's/.*AvailableFeatures=\\([^ ]*\\).*/\\1/p')
[ -n \"\$image\" ] || image=\$(echo \"\$features\" | tr , '\\n' | sed -n 's/^image://p')
keep=\$(echo \"\$features\" | tr , '\\n' | grep -v -e '^image:' -e '^(null)\$' | paste -sd, -)
new=\${keep:+\$keep,}image:\$image
scontrol update nodename=\"\$node\" AvailableFeatures=\"\$new\" ActiveFeatures=\"\$new\"
echo \"\$new\" >$lab/sim/\$node.features
echo \"\$(date +%T) \$node: reimaged with \$image\" >>$hm/reimages.log
exec $lab/bin/reboot-node-sim \"\$node\""
tool notify "# Stands in for mail or a pager: keeps each notification.
/bin/cat >>$hm/notifications.jsonl
echo >>$hm/notifications.jsonl"
for node in n1 n2 n3 n4; do replay $node $healthy; done
# Slurm passes its hooks no arguments: two-line wrappers add --config (as on a site whose config is
# not /etc/hpcmaint/hpcmaint.toml).
for hook in hpcmaint-health hpcmaint-reboot; do
  printf '#!/bin/sh\nexec %q --config %q "$@"\n' "$dist/$hook" "$HPCMAINT_CONFIG" >"$hm/$hook"
done
printf '#!/bin/sh\nexec %q prolog-slurmctld --config %q\n' "$dist/hpcmaint" "$HPCMAINT_CONFIG" >"$hm/hpcmaint-prolog-slurmctld"
chmod 755 "$hm"/hpcmaint-*
hpcmaint config check >/dev/null || { hpcmaint config check; fail "hpcmaint config check refuses the demo's config"; }

# ---------------------------------------------------------------- the cluster

say "A private Slurm cluster: munged, slurmctld and 4 slurmd, with hpcmaint in Slurm's hooks"
bash "$testbed" up --dir "$lab" --nodes 4 --health-interval 2 \
  --reboot-program "$hm/hpcmaint-reboot" --health-program "$hm/hpcmaint-health" \
  --prolog-slurmctld "$hm/hpcmaint-prolog-slurmctld"
grep -E '^(RebootProgram|PrologSlurmctld|HealthCheck|PartitionName)' "$lab/etc/slurm.conf" | sed 's/^/   /'
tell "hpcmaint's config: tests/demo/hpcmaint.toml (a production config with the demo's differences marked)," \
  "checked by hpcmaint config check, which prints every key with the value in force." \
  "Each node has 2 GPUs: a fake nvidia-smi replays a captured nvidia-smi -q -x per node."
for node in n1 n2 n3 n4; do
  slurm scontrol update nodename=$node AvailableFeatures=testbed,image:v1 ActiveFeatures=testbed,image:v1
  echo testbed,image:v1 >"$lab/sim/$node.features"
done
run_hpcmaint status

# ---------------------------------------------------------------- scene 1

say "1. A GPU fault on n1: strikes, drain, a remedy instead of a reboot, the recheck, resume"
tell "n1's nvidia-smi now reports 2 uncorrectable ECC errors on GPU 1 (a captured report, edited)."
replay n1 $ecc_fault
wait_for 20 "n1's first strike" struck n1 gpu.nvidia.ecc
if journal_has n1 drain; then
  at "n1: gpu.nvidia.ecc failing: strike $(strikes_of n1 gpu.nvidia.ecc) of 2"
else
  at "n1: gpu.nvidia.ecc failing: strike $(strikes_of n1 gpu.nvidia.ecc) of 2 (metric hpcmaint_health_strikes); not drained yet"
fi
wait_for 20 "n1's drain" journal_has n1 drain
at "n1: drained by hpcmaint; reason: $(journal_reason n1 drain)"
wait_for 20 "n1's ticket at the remedy step" journal_note n1 "the remedy gpu-reset waits"
at "n1: ticket at the remedy step: [[health.remedy]] gpu-reset matches gpu.nvidia.ecc; it waits until no job runs on n1"
wait_for 20 "the remedy on n1" journal_has n1 remedy
at "n1: remedy gpu-reset ran: $(grep n1 "$hm/remedies.log" | tail -1)"
wait_for 20 "n1's resume after the remedy" journal_has n1 resume
wait_for 20 "n1 back in service" in_service n1
! journal_has n1 request-reboot || fail "n1 was rebooted although its remedy fixed it"
at "n1: the next run checked again, every check passed: resumed, ticket closed, no reboot"
run_hpcmaint status n1

# ---------------------------------------------------------------- scene 2

say "2. A persistent fault on n2: reboot, then rebuild, then a person"
tell "n2's nvidia-smi now lists 1 of its 2 GPUs (GPU 1 no longer enumerates), and a reboot will not change that."
boot=$(boot_of n2)
replay n2 $lost_gpu
wait_for 20 "n2's drain" journal_has n2 request-reboot
at "n2: a missing GPU is critical: drained at its first run, no strikes; reason: $(journal_reason n2 drain)"
at "n2: ticket at the reboot step: hpcmaint-health asked Slurm for scontrol reboot n2"
wait_for 20 "hpcmaint-reboot on n2" journal_has n2 reboot
at "n2: Slurm ran hpcmaint-reboot: $(journal_reason n2 reboot): the [reboot] command"
wait_for 40 "n2's rebuild step" journal_has n2 request-rebuild
at "n2: rebooted (boot $boot -> $(boot_of n2)), GPU still missing: the ticket climbs to rebuild"
wait_for 40 "n2's reimage" file_has "$hm/reimages.log" n2
at "n2: hpcmaint-reboot ran the [rebuild] command: $(grep n2 "$hm/reimages.log" | tail -1)"
wait_for 40 "n2's manual step" journal_has n2 notify
[[ $(status_of n2 ticket_step) == manual ]] || fail "n2 notified, but its ticket is not at the manual step"
[[ $(hpcmaint status n2 --json | grep -oE ' (drain|reboot|rebuild|manual)",?$' | tr -d ' ",' | paste -sd' ') == "drain reboot rebuild manual" ]] ||
  fail "n2's ticket did not climb drain, reboot, rebuild, manual"
at "n2: rebuilt, GPU still missing: manual step; drained for a person, who is notified"
run_hpcmaint status n2
wait_for 20 "the notification for n2" file_has "$hm/notifications.jsonl" '"node": "n2"'
tell "The notification ([health.notify] command, JSON on its standard input), up to the failing checks:"
sed -n '/"event"/,/"failing_checks"/p' "$hm/notifications.jsonl" | sed 's/^/   /'

# ---------------------------------------------------------------- scene 3

say "3. The breaker: a second fault while n2 is drained waits for a person"
tell "[health.breaker] max_nodes = 1: hpcmaint may hold 1 node of partition batch drained; n2 is."
tell "n3's nvidia-smi now reports the ECC errors."
replay n3 $ecc_fault
wait_for 20 "the breaker on n3" breaker_marked n3
! journal_has n3 drain || fail "n3 was drained although the breaker is open"
at "n3: 2 strikes, not drained: $(grep -o 'breaker open in partition [^"]*budget[^"]*' "$hm/audit.jsonl" | tail -1)"
run_hpcmaint breaker status
run_hpcmaint breaker reset
wait_for 20 "n3's drain after the reset" journal_has n3 drain
at "n3: drained: $(journal_reason n3 drain)"
wait_for 20 "n3's remedy" journal_has n3 remedy
wait_for 20 "n3's resume after its remedy" journal_has n3 resume
wait_for 20 "n3 back in service" in_service n3
at "n3: remedy gpu-reset ran, checked again: resumed, ticket closed"

tell "" "A person replaces n2's GPU and resumes it; hpcmaint closes the ticket once every check passes."
replay n2 $healthy
show "scontrol update nodename=n2 state=resume"
slurm scontrol update nodename=n2 state=resume
wait_for 20 "n2's ticket closing after the person's resume" in_service n2
at "n2: back in service, ticket closed"
run_hpcmaint status

# ---------------------------------------------------------------- scene 4

say "4. A rolling rebuild of partition batch to image v2, at most 25 % (1 of 4 nodes) out at a time"
tell "One --reboot job per node in the hidden rebuild partition; slurmd runs hpcmaint-reboot, which runs" \
  "the [rebuild] command with the job's image; the job's payload is the health gate (hpcmaint verify)."
wait_for 20 "every node in service before the rebuild" all_in_service
# The user's job on n1 runs until its step is done: here, once n1's rebuild job is queued behind it, so
# the scene shows that job going before the user job queued earlier, however long the idle nodes take.
release=$lab/user-train-done
user_job=$(slurm sbatch --parsable -p batch -w n1 --exclusive -J user-train -o /dev/null --wrap "until [ -e $release ]; do sleep 0.2; done")
queued_job=$(slurm sbatch --parsable -p batch -w n1 --exclusive -J user-queued -o /dev/null --wrap 'sleep 1')
wait_for 20 "user job $user_job running on n1" job_is "$user_job" RUNNING
tell "n1 runs user job $user_job, and user job $queued_job waits behind it. The idle nodes go first;" \
  "n1's rebuild job is queued when its turn comes, and user job $user_job ends then."
(
  until slurm squeue -h -n hpcmaint-rebuild-n1 -o %i 2>/dev/null | grep -q .; do sleep 0.25; done
  : >"$release"
) &
releaser=$!
# Every 0.25 s: how many of the 4 nodes Slurm shows out of service (down, drained, rebooting, not responding).
(
  while :; do
    slurm scontrol show node -o | grep -oE ' State=[^ ]+' |
      grep -cE 'DOWN|DRAIN|FAIL|NOT_RESPONDING|REBOOT|POWER|MAINT|ERROR' >>"$lab/out-of-service" || true
    sleep 0.25
  done
) &
sampler=$!
show "hpcmaint rebuild --partition batch --image v2 --max-down 25"
timeout 90 "$dist/hpcmaint" rebuild --partition batch --image v2 --max-down 25 ||
  fail "hpcmaint rebuild did not finish the plan (exit $?)"
kill "$sampler" && wait "$sampler" 2>/dev/null || true
sampler=''
kill "$releaser" 2>/dev/null && wait "$releaser" 2>/dev/null || true
releaser=''
: >"$release"
most=$(sort -n "$lab/out-of-service" | tail -1)
((most <= 1)) || fail "$most nodes were out of service at once during the rebuild (budget 1)"
all_on v2 || fail "not every node is on image v2: $(for n in n1 n2 n3 n4; do printf '%s=%s ' $n "$(image_of $n)"; done)"
at "every node on v2; nodes out of service at once, sampled $(wc -l <"$lab/out-of-service") times: at most $most"
rebuild_job=$(slurm scontrol show job -o | grep -F JobName=hpcmaint-rebuild-n1 | grep -oE '^JobId=[0-9]+' | cut -d= -f2)
wait_for 20 "user job $queued_job on n1" job_is "$queued_job" COMPLETED
user_end=$(job_time "$user_job" EndTime) rebuild_start=$(job_time "$rebuild_job" StartTime) queued_start=$(job_time "$queued_job" StartTime)
[[ ! $rebuild_start < $user_end && ! $queued_start < $rebuild_start ]] ||
  fail "n1's rebuild job $rebuild_job started $rebuild_start: not between user job $user_job's end ($user_end) and user job $queued_job's start ($queued_start)"
at "n1: user job $user_job ended ${user_end#*T}, rebuild job $rebuild_job started ${rebuild_start#*T}, user job $queued_job (queued earlier) started ${queued_start#*T}"
run_hpcmaint rebuild status

# ---------------------------------------------------------------- scene 5

say "5. The audit journal: every decision and action above, in order"
run_hpcmaint audit
at "$(wc -l <"$hm/audit.jsonl") journal records; one node's story: hpcmaint audit --node n2; machines: --json"

say "Stopping the cluster: exactly the processes it started"
bash "$testbed" down --dir "$lab"
left=$(pgrep -f -- "$lab" || true)
[[ -z $left ]] || fail "processes of the demo still run: $(ps -o pid=,args= -p "${left//$'\n'/,}")"
printf '\n\033[1mdemo finished in %d s\033[0m\n' $((SECONDS - started))
