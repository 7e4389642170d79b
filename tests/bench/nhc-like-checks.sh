#!/usr/bin/env bash
# Writes WORK/nhc.toml: an NHC-like set of 12 checks that all pass on this machine (the set LBNL NHC
# 1.5 was measured with: root mounted rw and >= 3 % free, physical memory and swap, CPU sockets,
# cores and threads, two daemons, two NICs up, three file tests), and the node-local state of a
# healthy node that slurmctld saw recently (a passing run then needs no Slurm command).
set -euo pipefail
work=$1
mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
swap_kib=$(awk '/^SwapTotal:/ {print $2}' /proc/meminfo)
sockets=$(lscpu | awk -F: '/^Socket\(s\)/ {gsub(/ /, "", $2); print $2}')
cores=$(lscpu | awk -F: '/^Core\(s\) per socket/ {gsub(/ /, "", $2); print $2}')
threads=$(nproc --all)
nic=$(ip -o route show default 2>/dev/null | awk '{print $5; exit}')
nic=${nic:-lo}
cat >"$work/nhc.toml" <<TOML
[audit]
journal = "$work/audit.jsonl"
[health]
state_file = "$work/health-state.json"
slurm_refresh = "24h"
[[health.check]]
check = "fs.mount"
path = "/"
mode = "rw"
[[health.check]]
check = "fs.space"
path = "/"
min_free = "3%"
[[health.check]]
id = "memory"
check = "hw.memory"
physical = "${mem_kib}KiB"
tolerance = "5%"
[[health.check]]
id = "swap"
check = "hw.memory"
swap = "${swap_kib}KiB"
tolerance = "5%"
[[health.check]]
check = "hw.cpu"
sockets = $sockets
cores_per_socket = $cores
threads = $threads
[[health.check]]
id = "daemon-1"
check = "ps.running"
name = "bench-daemon-1"
[[health.check]]
id = "daemon-2"
check = "ps.running"
name = "bench-daemon-2"
[[health.check]]
id = "nic-lo"
check = "net.link"
interface = "lo"
[[health.check]]
id = "nic-default-route"
check = "net.link"
interface = "$nic"
[[health.check]]
id = "hosts-file"
check = "fs.file"
paths = ["/etc/hosts"]
tests = ["file", "readable"]
[[health.check]]
id = "tmp-dir"
check = "fs.file"
paths = ["/tmp"]
tests = ["directory", "writable"]
[[health.check]]
id = "shell"
check = "fs.file"
paths = ["/bin/sh"]
tests = ["executable"]
TOML
# The two "daemons": copies of sleep under recognisable names, stopped by the caller (pids printed).
for i in 1 2; do
  cp /usr/bin/sleep "$work/bench-daemon-$i"
  setsid "$work/bench-daemon-$i" 3600 >/dev/null 2>&1 </dev/null &
  echo $!
done
printf '{"strikes":{},"slurm_checked_at":%s,"nothing_open":true}\n' "$(date +%s)" >"$work/health-state.json"
