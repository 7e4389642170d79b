# Sourced by the bench scripts: hpcmaint's config and PrologSlurmctld for a testbed in TB (DIR/hm), then
# `testbed.sh up` with the rebuild simulator as RebootProgram (each node "rebuilds" by setting its image
# feature, or only reboots, 2 s of downtime).
# bench_testbed_up TB DIST NODES
bench_testbed_up() {
  local tb=$1 dist=$2 nodes=$3
  mkdir -p "$tb/hm"
  cat >"$tb/hm/hpcmaint.toml" <<TOML
[slurm]
conf = "$tb/etc/slurm.conf"
[audit]
journal = "$tb/hm/audit.jsonl"
[rebuild]
state_dir = "$tb/hm/plans"
gate = ["/bin/true"]
poll_interval = "200ms"
prolog_timeout = "60s"
TOML
  printf '#!/bin/sh\nexec %s prolog-slurmctld --config %s\n' "$dist/hpcmaint" "$tb/hm/hpcmaint.toml" >"$tb/hm/prolog"
  chmod 755 "$tb/hm/prolog"
  bash tests/testbed/testbed.sh up --dir "$tb" --nodes "$nodes" --reboot-program "$PWD/tests/testbed/rebuild-reboot-sim.sh" \
    --prolog-slurmctld "$tb/hm/prolog" >/dev/null
}
