#!/usr/bin/env bash
# `make demo`: a private 4-node Slurm cluster on this machine with hpcmaint wired in as
# RebootProgram and HealthCheckProgram, and a short narrated scenario. Leaves nothing running.
set -euo pipefail
umask 022 # what hpcmaint names must not be group- or world-writable
cd "$(dirname "$0")/../.."
repo=$(pwd)
dist=$(readlink -f "${1:-dist}")
testbed=$repo/tests/testbed/testbed.sh
lab=$(mktemp -d /tmp/hpcmaint-testbed-demo-XXXXXX)
hm=$lab/hpcmaint
mkdir -p "$hm"

cleanup() {
  bash "$testbed" down --dir "$lab" >/dev/null 2>&1 || true
  if [[ ${HPCMAINT_KEEP_TESTBED:-0} != 1 ]]; then rm -rf "$lab"; else echo "kept $lab"; fi
}
trap cleanup EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
slurm() { env SLURM_CONF="$lab/etc/slurm.conf" PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
boot_time() { slurm scontrol show node "$1" -o | tr ' ' '\n' | sed -n 's/^BootTime=//p'; }
wait_for() { # SECONDS COMMAND...: poll until the command succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < deadline)) || { echo "timed out waiting for: $*" >&2; return 1; }; sleep 0.5; done
}
node_idle() { [[ $(slurm sinfo -h -n "$1" -N -o '%T' | head -1) == idle ]]; }

# hpcmaint's config for this cluster. Slurm starts hooks with no PATH and no SLURM_CONF, so the
# config names slurm.conf; the hooks find the config through --config in two tiny wrappers.
cat >"$hm/hpcmaint.toml" <<TOML
[slurm]
conf = "$lab/etc/slurm.conf"
command_timeout = "5s"

[audit]
journal = "$hm/audit.jsonl"

[reboot]
# On a real node: ["/usr/sbin/reboot"]. Here: the testbed's reboot simulator, which stops the node's
# slurmd, waits 2 s and starts it again with a new boot time.
command = ["$lab/bin/reboot-node-sim", "{node}"]
TOML
for hook in hpcmaint-reboot hpcmaint-health; do
  printf '#!/bin/sh\nexec %q --config %q "$@"\n' "$dist/$hook" "$hm/hpcmaint.toml" >"$hm/$hook"
  chmod 755 "$hm/$hook"
done
export HPCMAINT_CONFIG=$hm/hpcmaint.toml
hpcmaint=$dist/hpcmaint

say "1. A private Slurm cluster: munged, slurmctld and 4 slurmd, hpcmaint as RebootProgram and HealthCheckProgram"
run bash "$testbed" up --dir "$lab" --nodes 4 --reboot-program "$hm/hpcmaint-reboot" \
  --health-program "$hm/hpcmaint-health" --health-interval 30
grep -E '^(RebootProgram|HealthCheckProgram|PartitionName)' "$lab/etc/slurm.conf"

say "2. hpcmaint reads the cluster through Slurm's own commands"
run "$hpcmaint" status
run "$hpcmaint" hostlist compress n1 n2 n3 n4 gpu008 gpu009 gpu011
run "$hpcmaint" hostlist expand 'rack[1-2]-gpu[01-02]'

say "3. The config is validated at start: every mistake at once, with file:line, and nothing is done"
printf '[slurm]\nbin_dir = "usr/bin"\ncommand_timeout = "ten"\n\n[loging]\nlevel = "info"\n' >"$hm/broken.toml"
printf '$ hpcmaint config check --config broken.toml\n'
"$hpcmaint" config check --config "$hm/broken.toml" || echo "(exit code $?)"

say "4. A drain someone else wrote is not hpcmaint's: the owner column says so"
run slurm scontrol update nodename=n3 state=drain "reason=NHC: check_fs_mount: /scratch not mounted"
run "$hpcmaint" status n3
run slurm scontrol update nodename=n3 state=resume

say "5. A rebuild job in the hidden root-only rebuild partition runs right after the node's running job,"
echo "   ahead of a user job queued earlier; its --reboot makes slurmd run hpcmaint-reboot first"
before=$(boot_time n1)
a=$(slurm sbatch --parsable -w n1 --exclusive -J user-A -o /dev/null --wrap 'sleep 4')
wait_for 20 bash -c "[[ \$(env SLURM_CONF=$lab/etc/slurm.conf squeue -h -j $a -o %T) == RUNNING ]]"
b=$(slurm sbatch --parsable -w n1 --exclusive -J user-B -o /dev/null --wrap 'sleep 1')
r=$(slurm sbatch --parsable -p rebuild -w n1 --reboot --exclusive --no-requeue -J hpcmaint-rebuild-n1 -o /dev/null --wrap 'true')
run slurm squeue -o '%.6i %.10P %.20j %.10T %R'
wait_for 90 bash -c "[[ -z \$(env SLURM_CONF=$lab/etc/slurm.conf squeue -h -j $a,$b,$r -o %i) ]]"
echo "start order (scontrol show job):"
for j in "$a" "$r" "$b"; do slurm scontrol show job "$j" -o | tr ' ' '\n' | grep -E '^(JobName|StartTime)=' | paste -sd' '; done | sort -t= -k3
echo "n1 boot time: $before -> $(boot_time n1)"

say "6. scontrol reboot: slurmd runs hpcmaint-reboot, which hands the reboot to a detached process and returns"
before=$(boot_time n2)
run slurm scontrol reboot n2
wait_for 60 node_idle n2
echo "n2 boot time: $before -> $(boot_time n2)"

say "7. Every decision is in the audit journal"
run "$hpcmaint" audit

say "8. Stopping the cluster: exactly the processes it started"
run bash "$testbed" down --dir "$lab"
trap - EXIT
rm -rf "$lab"
echo "demo finished"
