#!/bin/bash
# RebootProgram for the rebuild specs and the bench (testbed.sh up --reboot-program …): "rebuilds" the
# node to the image its rebuild asks for, by setting its image:<IMG> Slurm feature, then reboots it with
# the testbed's simulator. The image comes from the comment of the node's CONFIGURING --reboot job
# ("hpcmaint image=IMG …"), or with --strategy drain from hpcmaint's reason ("hpcmaint: rebuild image=IMG").
# Run by slurmd through sh -c, with slurmd's environment (TESTBED_DIR, SLURM_CONF, PATH) and
# hostname = the node.
set -u
node=$(hostname)
image=$(squeue -h -w "$node" -t CF -o '%k' 2>/dev/null | sed -n 's/.*image=\([^ ]*\).*/\1/p' | head -1)
if [[ -z $image ]]; then
  image=$(scontrol show node "$node" 2>/dev/null | sed -n 's/.*Reason=.*image=\([^ :]*\).*/\1/p' | head -1)
fi
features=$(scontrol show node "$node" 2>/dev/null | sed -n 's/.*AvailableFeatures=\([^ ]*\).*/\1/p')
# As hpcmaint-reboot does, a node already on the image is only rebooted: slurmctld runs the
# RebootProgram again for a --reboot job it recovers after a restart, and that is not a second rebuild.
if [[ -n $image ]] && tr ',' '\n' <<<"$features" | grep -qxF "image:$image"; then
  printf '%s %s %s\n' "$EPOCHREALTIME" "$node" "$image" >>"$TESTBED_DIR/sim/reboots-on-image.log"
elif [[ -n $image ]]; then
  keep=$(tr ',' '\n' <<<"$features" | grep -v -e '^image:' -e '^(null)$' | paste -sd,)
  new=${keep:+$keep,}image:$image
  scontrol update nodename="$node" AvailableFeatures="$new" ActiveFeatures="$new"
  # What the node is now, for testbed.sh start-controller: a restarted slurmctld forgets features set by scontrol.
  printf '%s\n' "$new" >"$TESTBED_DIR/sim/$node.features"
  printf '%s %s %s\n' "$EPOCHREALTIME" "$node" "$image" >>"$TESTBED_DIR/sim/rebuilds.log"
fi
exec "$TESTBED_DIR/bin/reboot-node-sim"
