#!/usr/bin/env bash
# A private multi-node Slurm cluster on one machine, for integration tests: Slurm 22.05 from the host's
# Debian 12 packages, or a later release from a Debian suite's packages built once into a root directory
# (cached in $HPCMAINT_TESTBED_CACHE, default /var/cache/hpcmaint-testbed/RELEASE) that the cluster's
# daemons run in. Every file lives under --dir; every daemon runs with a clean environment; every pid is
# recorded. See usage() below and docs/slurm-releases.md for the facts behind it.
set -Eeuo pipefail
umask 022 # hpcmaint refuses group- or world-writable directories on the way to its config and programs
trap 'printf "testbed: failed at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

readonly DAEMON_PATH=/usr/sbin:/usr/bin:/sbin:/bin
readonly PORT_RANGE_LOW=20000 PORT_SLOTS=100 PORT_SLOT_SIZE=100
SELF=$(readlink -f "${BASH_SOURCE[0]}")
readonly SELF
# The Slurm releases a testbed runs: the host's, and those built from a Debian suite (release_suite).
readonly HOST_RELEASE=22.05 NEWEST_RELEASE=26.05
readonly RELEASES="22.05 24.11 26.05"
readonly CACHE=${HPCMAINT_TESTBED_CACHE:-/var/cache/hpcmaint-testbed}
readonly MIRROR=${HPCMAINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# In a built root only: says which release it holds; a client wrapper that sees it is inside the root.
readonly ROOT_MARK=etc/hpcmaint-testbed-release
readonly ROOT_PACKAGES=slurmctld,slurmd,slurm-client,munge,iproute2,hostname,mount

usage() {
  cat <<'TXT'
Usage:
  testbed.sh up --dir DIR [--slurm RELEASE] [--nodes 4] [--port-base P] [--reboot-program PATH]
                [--health-program PATH] [--health-interval N] [--prolog-slurmctld PATH|none]
                [--resume-timeout S] [--extra 'slurm.conf line']... [--node-env 'K=V']...
                [--topology 'topology.conf line']...  (any: TopologyPlugin=topology/tree)
  testbed.sh down --dir DIR
  testbed.sh install [--slurm RELEASE]        (the host's slurm-wlm and munge, or the release's root)
  testbed.sh releases                         (the releases it runs, oldest first)
  testbed.sh exec --dir DIR COMMAND...        (COMMAND where the testbed's daemons run: in its root)
  testbed.sh root --slurm RELEASE             (the path of a later release's root, built when missing)
  testbed.sh reboot-node --dir DIR [NODE]     (NODE defaults to `hostname`, as under slurmd)
  testbed.sh kill-controller --dir DIR        (SIGKILL slurmctld, as a crash; waits until it is gone)
  testbed.sh stop-controller --dir DIR        (SIGTERM slurmctld, which saves its state; waits until it is gone)
  testbed.sh start-controller --dir DIR       (start it again from its saved state; waits until it answers)

Simulated reboots read DIR/sim/<node>.mode (reboot | never | no-reboot) and
DIR/sim/<node>.downtime (seconds, default 2); each one is logged in DIR/sim/reboots.log.
start-controller sets the features in DIR/sim/<node>.features again (slurmctld forgets what scontrol set).

RELEASE is 22.05 (the host's Debian 12 packages), 24.11 (Debian 13) or 26.05 (Debian unstable; "newest"
says the same); the default is $HPCMAINT_SLURM, else 22.05. A later release's daemons run in a mount
namespace of the testbed's own whose root is an overlay of the release's root, with the host's /proc,
/sys, /dev, /tmp, DIR and this repository at the same paths; the first use builds the root (mmdebstrap,
about a minute). The host's clients cannot talk to a later slurmctld: DIR/bin/slurm holds the release's
clients as wrappers, for every release (PATH in DIR/env.sh; hpcmaint's [slurm] bin_dir), which work from
the host and from inside the root alike.
TXT
}

die() { printf 'testbed: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- process bookkeeping

# Field 22 of /proc/PID/stat (start time) tells a recorded process from a later one with the same pid.
start_time() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  local -a fields
  read -ra fields <<<"${stat##*) }"
  printf '%s' "${fields[19]}"
}

# Alive means: exists, same start time, and not a zombie (PID 1 on the test VMs reaps slowly).
is_alive() {
  local pid=$1 want=${2:-} stat
  { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
  local -a fields
  read -ra fields <<<"${stat##*) }"
  [[ ${fields[0]} != Z ]] || return 1
  [[ -z $want || ${fields[19]} == "$want" ]]
}

record_pid() { # PID LABEL
  local st
  st=$(start_time "$1") || return 0
  printf '%s %s %s\n' "$1" "$st" "$2" >>"$DIR/run/pids"
}

uts_of() { readlink "/proc/$1/ns/uts" 2>/dev/null; }

# Waits until PID has left our UTS namespace, then records the node's namespace and slurmd.
note_node() { # NODE PID
  local node=$1 pid=$2 ns mine i
  mine=$(uts_of $$)
  for ((i = 0; i < 200; i++)); do
    ns=$(uts_of "$pid") || return 1
    [[ $ns != "$mine" ]] && break
    sleep 0.01
  done
  [[ $ns != "$mine" ]] || return 1
  printf '%s\n' "$ns" >>"$DIR/run/uts"
  printf '%s %s %s\n' "$pid" "$(start_time "$pid")" "$ns" >"$DIR/run/node-$node"
}

# Prints "PID STARTTIME" for every live process in one of the given UTS namespaces.
# Namespace inode numbers are reused once a namespace is gone, so a namespace counts only while its
# NIS domain name is still this testbed's tag (set when the node starts, see start_slurmd).
processes_in() { # NS...
  (($# > 0)) || return 0
  local wanted pid ns st domain
  local -A ours=()
  wanted=$(printf '%s\n' "$@")
  while read -r pid ns; do
    if [[ -z ${ours[$ns]:-} ]] &&
      domain=$(nsenter --uts="/proc/$pid/ns/uts" cat /proc/sys/kernel/domainname 2>/dev/null); then
      ours[$ns]=no
      if [[ $domain == "$TAG" ]]; then ours[$ns]=yes; fi
    fi
    if [[ ${ours[$ns]:-} == yes ]] && st=$(start_time "$pid") && is_alive "$pid"; then
      printf '%s %s\n' "$pid" "$st"
    fi
  done < <(
    # find complains about processes that end while it runs; that is expected.
    { find /proc/[0-9]*/ns/uts -maxdepth 0 -printf '%p %l\n' 2>/dev/null || true; } |
      awk -v wanted="$wanted" '
        BEGIN { n = split(wanted, w, "\n"); for (i = 1; i <= n; i++) ns[w[i]] = 1 }
        $2 in ns { split($1, p, "/"); print p[3], $2 }'
  )
}

# Lines on stdin are "PID STARTTIME": SIGTERM (or FIRST), up to GRACE seconds, then SIGKILL and as
# long again.
stop_processes() { # GRACE [FIRST SIGNAL]
  local grace=$1 first=${2:-TERM} pid st
  PIDS=() STARTS=()
  while read -r pid st _; do
    if is_alive "$pid" "$st"; then PIDS+=("$pid") STARTS+=("$st"); fi
  done
  ((${#PIDS[@]} > 0)) || return 0
  kill -"$first" "${PIDS[@]}" 2>/dev/null || true
  all_gone "$grace" && return 0
  kill -KILL "${LEFT[@]}" 2>/dev/null || true
  all_gone "$grace" && return 0
  printf 'testbed: still alive after SIGKILL: %s\n' "${LEFT[*]}" >&2
  return 1
}

all_gone() { # SECONDS; checks PIDS/STARTS, leaves the survivors in LEFT
  local i j
  for ((i = 0; i <= $1 * 20; i++)); do
    LEFT=()
    for j in "${!PIDS[@]}"; do
      if is_alive "${PIDS[j]}" "${STARTS[j]}"; then LEFT+=("${PIDS[j]}"); fi
    done
    ((${#LEFT[@]} == 0)) && return 0
    sleep 0.05
  done
  return 1
}

elapsed_since() { # EPOCHREALTIME value
  local us=$((${EPOCHREALTIME/./} - ${1/./}))
  printf '%d.%02d' $((us / 1000000)) $((us % 1000000 / 10000))
}

# ---------------------------------------------------------------- releases and their roots

# RELEASE (or "newest") as one of RELEASES.
release_of() {
  local release=${1/#newest/$NEWEST_RELEASE}
  [[ " $RELEASES " == *" $release "* ]] || die "unknown Slurm release '$1': use one of $RELEASES (or newest)"
  printf '%s' "$release"
}

# Where a release's packages come from: the host's, or a Debian suite.
release_suite() {
  case $1 in
    22.05) printf host ;;
    24.11) printf trixie ;;
    26.05) printf sid ;;
  esac
}

# The release's root, built when missing: one build at a time per release (others wait on its lock),
# made in RELEASE.building and renamed when complete, so a root that exists is whole.
ensure_root() { # RELEASE
  local release=$1 root=$CACHE/$1 lock
  [[ -f $root/$ROOT_MARK ]] && return 0
  ((EUID == 0)) || die "the Slurm $release root is not built in $root, and building it needs root"
  mkdir -p "$CACHE"
  exec {lock}>"$CACHE/$release.lock"
  flock "$lock"
  [[ -f $root/$ROOT_MARK ]] || build_root "$release"
  exec {lock}>&-
}

build_root() { # RELEASE
  local release=$1 suite building=$CACHE/$1.building log=$CACHE/$1.build.log t0=$EPOCHREALTIME version
  suite=$(release_suite "$release")
  if ! PATH=$DAEMON_PATH command -v mmdebstrap >/dev/null; then
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y mmdebstrap; } >&2 ||
      die "cannot install mmdebstrap, which builds the Slurm $release root"
  fi
  printf 'testbed: building the Slurm %s root from Debian %s (%s) in %s\n' "$release" "$suite" "$MIRROR" "$CACHE/$release" >&2
  rm -rf "$building"
  # A private mount namespace: what the build mounts in the root (/proc, /dev) goes when it ends, however it ends.
  # Unstable's Release file may be past its Valid-Until on a mirror that is a snapshot.
  if ! unshare --mount --propagation private mmdebstrap --variant=minbase --include="$ROOT_PACKAGES" \
    --aptopt='Acquire::Check-Valid-Until "false"' "$suite" "$building" "$MIRROR" >"$log" 2>&1; then
    rm -rf "$building"
    die "building the Slurm $release root failed; the end of $log:"$'\n'"$(tail -n 15 "$log")"
  fi
  version=$(chroot "$building" dpkg-query -W -f '${Version}' slurmctld)
  if [[ $version != "$release".* ]]; then
    rm -rf "$building"
    die "Debian $suite carries Slurm $version now, not $release: add it to RELEASES and release_suite in testbed.sh"
  fi
  printf '%s %s %s\n' "$release" "$version" "$suite" >"$building/$ROOT_MARK"
  mv "$building" "$CACHE/$release"
  printf 'testbed: Slurm %s root (%s) built in %s s\n' "$release" "$version" "$(elapsed_since "$t0")" >&2
}

inside_a_root() { [[ -e /$ROOT_MARK ]]; }

# How a command reaches the testbed's Slurm, with WORKDIR as its working directory: ENTER is the prefix
# (nothing for the host's release, or inside the root already: a hook, a reboot worker).
set_enter() { # WORKDIR
  ENTER=()
  [[ -s $DIR/run/root ]] && ! inside_a_root || return 0
  local pid
  read -r pid _ <"$DIR/run/root"
  # The directory is changed inside: nsenter's --wd opens it before entering, leaving the command a working
  # directory outside its root (getcwd fails there, and so does everything slurmd starts).
  # shellcheck disable=SC2016 # $1 and $@ belong to the inner sh
  ENTER=(nsenter "--mount=/proc/$pid/ns/mnt" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$1")
}

# DIR/bin/slurm: the release's clients, for every release, so a user of the testbed (hpcmaint's bin_dir, a
# spec, the demo) names them the same way whatever runs. A later release's work from the host (they enter
# the testbed's namespace) and from inside its root (a hook, a job script) alike.
write_client_wrappers() {
  local tool q_run
  q_run=$(printf '%q' "$DIR/run/root")
  mkdir -p "$DIR/bin/slurm"
  for tool in sinfo squeue scontrol sbatch srun scancel salloc sacct sprio sshare sstat sdiag strigger sbcast sattach; do
    [[ -x $ROOT/usr/bin/$tool ]] || continue
    if [[ -z $ROOT ]]; then
      printf '#!/bin/sh\n# %s of Slurm %s, the host'"'"'s, for the testbed in %s.\nexec /usr/bin/%s "$@"\n' "$tool" "$RELEASE" "$DIR" "$tool" >"$DIR/bin/slurm/$tool"
      chmod 755 "$DIR/bin/slurm/$tool"
      continue
    fi
    cat >"$DIR/bin/slurm/$tool" <<SH
#!/bin/sh
# $tool of Slurm $RELEASE for the testbed in $DIR: in the release's root it is /usr/bin/$tool; elsewhere it
# runs there, in the testbed's mount namespace, in the same working directory (or / where it is not there).
[ -e /$ROOT_MARK ] && exec /usr/bin/$tool "\$@"
read -r pid _ 2>/dev/null <$q_run || { echo "$tool: the Slurm $RELEASE testbed in $(printf '%q' "$DIR") is not running" >&2; exit 1; }
exec /usr/bin/nsenter --mount=/proc/\$pid/ns/mnt -- /bin/sh -c 'cd "\$1" 2>/dev/null || cd /; shift; exec "\$@"' sh "\$PWD" /usr/bin/$tool "\$@"
SH
    chmod 755 "$DIR/bin/slurm/$tool"
  done
}

# The paths a testbed's root shares with the host: the host's /tmp (and TMPDIR), DIR and the repository,
# each at its own path, skipping one that lies in another.
shared_paths() {
  local -a paths=()
  local p q inside
  for p in /tmp "${TMPDIR:-/tmp}" "$DIR" "$(cd "$(dirname "$SELF")/../.." && pwd -P)"; do
    p=$(readlink -f "$p")
    inside=''
    for q in "${paths[@]}"; do
      [[ $p == "$q" || $p == "$q"/* ]] && inside=1
    done
    [[ -n $inside ]] || paths+=("$p")
  done
  printf '%s\n' "${paths[@]}"
}

# The testbed's root: a process in a mount namespace of its own, whose root is an overlay of the release's
# root (writes go to DIR/rootfs) with the host's /proc, /sys, /dev and shared_paths bound in. Every
# daemon enters it (set_enter); when its last process ends, the namespace and its mounts are gone.
start_root() {
  mkdir -p "$DIR/root" "$DIR/rootfs/upper" "$DIR/rootfs/work"
  shared_paths >"$DIR/etc/shared-paths"
  env -i --default-signal -C / "${CLEAN_ENV[@]}" setsid unshare --mount --propagation private \
    /bin/bash "$SELF" _root "$DIR" "$ROOT" </dev/null >>"$DIR/log/root.console" 2>&1 &
  record_pid $! "root"
  wait_for "the Slurm $RELEASE root" 10 test -s "$DIR/run/root"
}

cmd_root() { # DIR LOWER; run by start_root in its new mount namespace, as the process that holds it
  DIR=$1
  local lower=$2 root=$1/root path
  mount -t overlay hpcmaint-testbed -o "lowerdir=$lower,upperdir=$DIR/rootfs/upper,workdir=$DIR/rootfs/work" "$root"
  while read -r path; do
    mkdir -p "$root$path"
    mount --rbind "$path" "$root$path"
  done <"$DIR/etc/shared-paths"
  for path in /proc /sys /dev; do mount --rbind "$path" "$root$path"; done
  # slurmctld resolves localhost and this machine's name; the root comes without an /etc/hosts.
  { cat /etc/hosts 2>/dev/null; printf '127.0.0.1 localhost %s\n' "$(hostname)"; } >"$root/etc/hosts"
  cd "$root"
  mkdir -p .host
  pivot_root . .host
  cd /
  umount -l /.host
  rmdir /.host
  printf '%s %s\n' "$BASHPID" "$(start_time "$BASHPID")" >"$DIR/run/root"
  exec sleep infinity
}

# A command in the root of a running testbed (the host's own tools for a 22.05 one).
cmd_exec() {
  [[ ${1:-} == --dir && -n ${2:-} && -n ${3:-} ]] || { usage >&2; exit 2; }
  open_testbed "$2"
  shift 2
  set_enter "$PWD"
  exec "${ENTER[@]}" "$@"
}

# Where a release's root is (built when missing), for commands that need no cluster, run as
# `unshare --mount sh -c 'mount --rbind /tmp ROOT/tmp && exec chroot ROOT …'` (scontrol show hostnames).
cmd_root_of() {
  [[ ${1:-} == --slurm && -n ${2:-} ]] || { usage >&2; exit 2; }
  RELEASE=$(release_of "$2")
  [[ $RELEASE != "$HOST_RELEASE" ]] || die "Slurm $HOST_RELEASE is the host's own: it has no root"
  ensure_root "$RELEASE"
  printf '%s\n' "$CACHE/$RELEASE"
}

cmd_install() {
  local release=$HOST_RELEASE
  if [[ ${1:-} == --slurm && -n ${2:-} ]]; then release=$(release_of "$2"); fi
  if [[ $release == "$HOST_RELEASE" ]]; then ensure_packages; else ensure_root "$release"; fi
}

cmd_releases() { printf '%s\n' $RELEASES; }

# ---------------------------------------------------------------- starting daemons

# What systemd would give a daemon, plus TESTBED_DIR, the test run's mark (HPCMAINT_TEST_RUN, by which
# `make test` finds what a run left behind) and the --node-env lines of up.
set_clean_env() {
  CLEAN_ENV=(PATH="$DAEMON_PATH" SLURM_CONF="$DIR/etc/slurm.conf" LANG=C.UTF-8 HOME=/root TESTBED_DIR="$DIR")
  [[ -z ${HPCMAINT_TEST_RUN:-} ]] || CLEAN_ENV+=(HPCMAINT_TEST_RUN="$HPCMAINT_TEST_RUN")
  local -a extra=()
  [[ -f $DIR/etc/node-env ]] && mapfile -t extra <"$DIR/etc/node-env"
  CLEAN_ENV+=("${extra[@]}")
  TAG=$(<"$DIR/run/tag")
  RELEASE=$HOST_RELEASE
  [[ ! -f $DIR/etc/release ]] || RELEASE=$(<"$DIR/etc/release")
}

# slurmd for NODE in its own session and UTS namespace, so `hostname` = NODE for all it starts.
# With BOOTED_AT (the host's uptime when the simulated reboot began) it also gets a time namespace whose
# uptime counts from then, so the node reports that moment as its boot time, as a rebooted machine does.
start_slurmd() { # NODE [BOOTED_AT]
  local node=$1 booted=${2:-}
  local -a namespaces=(--uts)
  if [[ -n $booted ]]; then
    # Rounded up, plus a second: slurmctld derives the boot time as time(NULL) - uptime, both whole
    # seconds that tick at different moments, so with rounding alone it lands a second before the
    # reboot began in about 8 % of reboots, and slurmctld (waiting_for_node_boot: boot_time must not be
    # before boot_req_time) then waits for a boot until ResumeTimeout. The new slurmd registers 2 s or
    # more after the reboot began, so the boot time is still never after its first registration.
    local whole=${booted%.*} fraction=${booted#*.}
    ((10#$fraction == 0)) || whole=$((whole + 1))
    whole=$((whole + 1))
    namespaces+=(--time --boottime "-$whole")
  fi
  set_enter "$DIR/log"
  # shellcheck disable=SC2016 # $1, $2 and $@ belong to the inner sh
  env -i --default-signal -C "$DIR/log" "${CLEAN_ENV[@]}" setsid unshare "${namespaces[@]}" /bin/sh -c \
    'unset PWD && hostname "$1" && domainname "$2" && shift 2 && exec "$@"' sh "$node" "$TAG" \
    "${ENTER[@]}" slurmd -D -N "$node" </dev/null >>"$DIR/log/slurmd-$node.console" 2>&1 &
  STARTED_PID=$!
  record_pid "$STARTED_PID" "slurmd-$node"
}

# ---------------------------------------------------------------- up

ensure_packages() {
  local b
  for b in munged mungekey slurmctld slurmd scontrol sinfo sbatch squeue srun; do
    if ! PATH=$DAEMON_PATH command -v "$b" >/dev/null; then
      ((EUID == 0)) || die "Slurm is not installed, and installing it needs root"
      apt-get update >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >&2
      return
    fi
  done
}

ports_free() { # LOW HIGH
  ss -Htan | awk -v lo="$1" -v hi="$2" '{ n = split($4, a, ":"); if (a[n] >= lo && a[n] <= hi) busy = 1 }
    END { exit busy }'
}

pick_port_base() { # NODES
  local hash i base
  hash=$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)
  for ((i = 0; i < PORT_SLOTS; i++)); do
    base=$((PORT_RANGE_LOW + ((hash + i) % PORT_SLOTS) * PORT_SLOT_SIZE))
    ports_free "$base" $((base + $1)) && { printf '%s' "$base"; return; }
  done
  die "no free port range of $(($1 + 1)) between $PORT_RANGE_LOW and $((PORT_RANGE_LOW + PORT_SLOTS * PORT_SLOT_SIZE))"
}

write_slurm_conf() {
  local last=$((PORT_BASE + NODES))
  cat <<CONF
# Generated by testbed.sh up; private to $DIR.
ClusterName=testbed
SlurmctldHost=localhost
SlurmctldPort=$PORT_BASE
SlurmdPort=$((PORT_BASE + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd-%n.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1,batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
PriorityType=priority/basic
SlurmdParameters=config_overrides
ReturnToService=1
ResumeTimeout=$RESUME_TIMEOUT
SlurmdTimeout=30
MessageTimeout=10
KillWait=5
MinJobAge=300
RebootProgram=$REBOOT_PROGRAM
CONF
  [[ $PROLOG == none ]] || printf 'PrologSlurmctld=%s\n' "$PROLOG"
  if [[ -n $HEALTH_PROGRAM ]]; then
    printf 'HealthCheckProgram=%s\nHealthCheckInterval=%s\nHealthCheckNodeState=ANY\n' \
      "$HEALTH_PROGRAM" "$HEALTH_INTERVAL"
  fi
  cat <<CONF
NodeName=n[1-$NODES] NodeHostname=localhost NodeAddr=127.0.0.1 Port=$((PORT_BASE + 1))-$last CPUs=2 RealMemory=1000 Features=testbed State=UNKNOWN
PartitionName=batch Nodes=ALL Default=YES MaxTime=INFINITE State=UP
PartitionName=rebuild Nodes=ALL Hidden=YES RootOnly=YES PriorityTier=65533 OverSubscribe=EXCLUSIVE PreemptMode=OFF MaxTime=INFINITE State=UP
CONF
  ((${#EXTRA[@]} == 0)) || printf '%s\n' "${EXTRA[@]}"
}

write_helpers() {
  local q_self q_dir
  q_self=$(printf '%q' "$DIR/bin/testbed.sh")
  q_dir=$(printf '%q' "$DIR")
  cp "$SELF" "$DIR/bin/testbed.sh"
  cat >"$DIR/bin/reboot-node-sim" <<SH
#!/bin/sh
# RebootProgram for the testbed in $DIR: slurmd runs it through sh -c, with no arguments.
exec $q_self reboot-node --dir $q_dir "\$@"
SH
  # PrologSlurmctld gets no PATH and no SLURM_CONF. It holds a --reboot job in CONFIGURING until
  # its nodes are back: otherwise the launch waits for slurmctld's 30 s tick.
  cat >"$DIR/bin/prolog-wait-boot" <<SH
#!/bin/sh
PATH=$DAEMON_PATH
SLURM_CONF=$(printf '%q' "$DIR/etc/slurm.conf")
export PATH SLURM_CONF
deadline=\$((\$(date +%s) + $RESUME_TIMEOUT + 35))
while [ "\$(date +%s)" -lt "\$deadline" ]; do
  if out=\$(scontrol show node "\$SLURM_JOB_NODELIST" 2>/dev/null); then
    case \$out in
      *POWERING_UP*|*NOT_RESPONDING*|*REBOOT_ISSUED*) ;;
      *) exit 0 ;;
    esac
  fi
  sleep 0.2
done
exit 0
SH
  chmod 755 "$DIR/bin/testbed.sh" "$DIR/bin/reboot-node-sim" "$DIR/bin/prolog-wait-boot"
  # 26.05's slurmd runs RebootProgram with SLURM_NODE_NAME alone (measured: no PATH, no SLURM_CONF, no
  # TESTBED_DIR, its cwd the log directory); 22.05's and 24.11's with slurmd's environment. The testbed's
  # own reboot simulators (beside this script) need the testbed's environment on every release, so they
  # run through a wrapper that sets it; any other program (hpcmaint-reboot, under test) gets what slurmd gives.
  if [[ $(dirname "$(readlink -f "$REBOOT_PROGRAM")") == "$(dirname "$SELF")" ]]; then
    {
      printf '#!/bin/sh\n# RebootProgram for the testbed in %s: the simulator with the testbed environment.\n' "$DIR"
      printf 'PATH=%q SLURM_CONF=%q TESTBED_DIR=%q\nexport PATH SLURM_CONF TESTBED_DIR\n' "$DAEMON_PATH" "$DIR/etc/slurm.conf" "$DIR"
      [[ -z ${HPCMAINT_TEST_RUN:-} ]] || printf 'HPCMAINT_TEST_RUN=%q\nexport HPCMAINT_TEST_RUN\n' "$HPCMAINT_TEST_RUN"
      printf 'exec %q "$@"\n' "$REBOOT_PROGRAM"
    } >"$DIR/bin/reboot-program"
    chmod 755 "$DIR/bin/reboot-program"
    REBOOT_PROGRAM=$DIR/bin/reboot-program
  fi
}

start_munged() {
  set_enter /
  "${ENTER[@]}" mungekey --create --keyfile="$DIR/munge/etc/munge.key" --force 2>/dev/null
  chmod 400 "$DIR/munge/etc/munge.key"
  env -i --default-signal -C / "${CLEAN_ENV[@]}" setsid "${ENTER[@]}" munged --foreground --socket="$DIR/munge/munge.socket" \
    --key-file="$DIR/munge/etc/munge.key" --pid-file="$DIR/munge/munged.pid" \
    --seed-file="$DIR/munge/etc/munged.seed" --log-file="$DIR/munge/munged.log" \
    </dev/null >>"$DIR/log/munged.console" 2>&1 &
  record_pid $! munged
  wait_for "munged socket" 10 test -S "$DIR/munge/munge.socket"
}

start_slurmctld() { # [SLURMCTLD FLAG]...
  set_enter /
  env -i --default-signal -C / "${CLEAN_ENV[@]}" setsid "${ENTER[@]}" slurmctld -D -i "$@" \
    </dev/null >>"$DIR/log/slurmctld.console" 2>&1 &
  record_pid $! slurmctld
  wait_for "slurmctld" 10 controller_up
}

controller_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }

all_idle() {
  local states
  states=$(sinfo -h -N -o '%N %T' 2>/dev/null | sort -u) || return 1
  [[ $(grep -c ' idle$' <<<"$states") -eq $NODES && $(wc -l <<<"$states") -eq $NODES ]]
}

wait_for() { # WHAT SECONDS COMMAND...
  local what=$1 limit=$(($2 * 20)) i
  shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" && return 0
    sleep 0.05
  done
  die "timed out waiting for $what (logs in $DIR/log)"
}

cmd_up() {
  NODES=4 PORT_BASE='' REBOOT_PROGRAM='' HEALTH_PROGRAM='' HEALTH_INTERVAL=5 PROLOG=''
  RESUME_TIMEOUT=30 EXTRA=() TOPOLOGY=() RELEASE=${HPCMAINT_SLURM:-$HOST_RELEASE}
  local -a node_env_lines=()
  while (($# > 0)); do
    (($# >= 2)) || die "$1 needs a value"
    case $1 in
      --dir) DIR=$2 ;;
      --slurm) RELEASE=$2 ;;
      --nodes) NODES=$2 ;;
      --port-base) PORT_BASE=$2 ;;
      --reboot-program) REBOOT_PROGRAM=$2 ;;
      --health-program) HEALTH_PROGRAM=$2 ;;
      --health-interval) HEALTH_INTERVAL=$2 ;;
      --prolog-slurmctld) PROLOG=$2 ;;
      --resume-timeout) RESUME_TIMEOUT=$2 ;;
      --extra) EXTRA+=("$2") ;;
      --topology) TOPOLOGY+=("$2") ;;
      --node-env)
        [[ $2 == *=* ]] || die "--node-env wants K=V, got '$2'"
        node_env_lines+=("$2")
        ;;
      *) usage >&2; exit 2 ;;
    esac
    shift 2
  done
  [[ -n ${DIR:-} ]] || die "up needs --dir"
  [[ $NODES =~ ^[1-9][0-9]{0,2}$ ]] || die "--nodes must be 1..999"
  [[ $RESUME_TIMEOUT =~ ^[0-9]+$ && $HEALTH_INTERVAL =~ ^[0-9]+$ ]] ||
    die "--resume-timeout and --health-interval take whole seconds"
  ((EUID == 0)) || die "up must run as root (slurmd, unshare)"
  RELEASE=$(release_of "$RELEASE")
  ROOT=''
  if [[ $RELEASE == "$HOST_RELEASE" ]]; then
    ensure_packages
  else
    ensure_root "$RELEASE"
    ROOT=$CACHE/$RELEASE
  fi
  PATH=$DAEMON_PATH:$PATH

  local t0=$EPOCHREALTIME
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd -P)
  ((${#DIR} < 80)) || die "--dir path too long for a unix socket: $DIR"
  if [[ -f $DIR/run/pids ]] && any_recorded_alive; then
    die "a testbed is already running in $DIR (testbed.sh down --dir $DIR)"
  fi
  if [[ -z $PORT_BASE ]]; then
    PORT_BASE=$(pick_port_base "$NODES")
  else
    ports_free "$PORT_BASE" $((PORT_BASE + NODES)) || die "ports $PORT_BASE-$((PORT_BASE + NODES)) are in use"
  fi
  REBOOT_PROGRAM=${REBOOT_PROGRAM:-$DIR/bin/reboot-node-sim}
  PROLOG=${PROLOG:-$DIR/bin/prolog-wait-boot}

  rm -rf "${DIR:?}"/{bin,etc,log,munge,root,rootfs,run,sim,spool,state,work} "$DIR/env.sh"
  mkdir -p "$DIR"/{bin,etc,log,run,sim,state,work} "$DIR/munge/etc"
  chmod 755 "$DIR" "$DIR/munge"
  chmod 700 "$DIR/munge/etc"
  local i
  for ((i = 1; i <= NODES; i++)); do mkdir -p "$DIR/spool/n$i"; done
  ((${#node_env_lines[@]} == 0)) || printf '%s\n' "${node_env_lines[@]}" >"$DIR/etc/node-env"
  printf '%s\n' "$RELEASE" >"$DIR/etc/release"
  write_helpers
  write_slurm_conf >"$DIR/etc/slurm.conf"
  if ((${#TOPOLOGY[@]} > 0)); then
    printf '%s\n' "${TOPOLOGY[@]}" >"$DIR/etc/topology.conf"
    printf 'TopologyPlugin=topology/tree\n' >>"$DIR/etc/slurm.conf"
  fi
  export SLURM_CONF=$DIR/etc/slurm.conf
  : >"$DIR/run/pids"
  printf 'testbed-%s-%s\n' "$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)" "$SRANDOM" >"$DIR/run/tag"
  : >"$DIR/run/uts"
  set_clean_env

  trap 'if [[ -z ${READY:-} ]]; then cmd_down --dir "$DIR" >/dev/null 2>&1 || true; fi' EXIT
  write_client_wrappers
  if [[ -n $ROOT ]]; then
    PATH=$DIR/bin/slurm:$PATH
    start_root
  fi
  start_munged
  start_slurmctld -c
  local -A slurmd_pid=()
  for ((i = 1; i <= NODES; i++)); do
    start_slurmd "n$i"
    slurmd_pid[n$i]=$STARTED_PID
  done
  wait_for "$NODES nodes idle" $((30 + NODES / 4)) all_idle
  for ((i = 1; i <= NODES; i++)); do note_node "n$i" "${slurmd_pid[n$i]}"; done
  printf 'export SLURM_CONF=%q\n' "$SLURM_CONF" >"$DIR/env.sh"
  printf 'export PATH=%q:"$PATH"\n' "$DIR/bin/slurm" >>"$DIR/env.sh"
  READY=1
  printf 'testbed up: Slurm %s, n[1-%s] idle in %s s, ports %s-%s, %s\n' "$RELEASE" "$NODES" \
    "$(elapsed_since "$t0")" "$PORT_BASE" $((PORT_BASE + NODES)) "$DIR"
}

any_recorded_alive() {
  local pid st
  while read -r pid st _; do
    is_alive "$pid" "$st" && return 0
  done <"$DIR/run/pids"
  return 1
}

# ---------------------------------------------------------------- down

cmd_down() {
  [[ ${1:-} == --dir && -n ${2:-} ]] || { usage >&2; exit 2; }
  DIR=$2
  [[ -d $DIR/run ]] || return 0
  DIR=$(cd "$DIR" && pwd -P)
  local t0=$EPOCHREALTIME
  # Under the lock no reboot simulator is between "may I restart slurmd?" and recording it.
  {
    flock 9
    : >"$DIR/run/stopping"
  } 9>"$DIR/run/lock"
  local -a namespaces=()
  TAG=$(cat "$DIR/run/tag" 2>/dev/null) || TAG=unknown
  [[ -f $DIR/run/uts ]] && mapfile -t namespaces < <(sort -u "$DIR/run/uts")
  # Daemons get SIGTERM; what is left on the nodes (slurmstepd, jobs) is powered off with SIGKILL.
  stop_processes 5 <"$DIR/run/pids" || true
  processes_in "${namespaces[@]}" | stop_processes 5 KILL || die "some processes would not stop"
  printf 'testbed down in %s s: %s\n' "$(elapsed_since "$t0")" "$DIR"
}

# ---------------------------------------------------------------- simulated reboots

# As RebootProgram this must return at once: slurmd waits for it holding its config lock.
# But not before the worker has left the program's process group. 26.05's slurmd runs RebootProgram in a
# process group of its own (a power action, through run_command) and, once the program has exited, kills
# that whole group: kill(-PGID, SIGTERM), 10 ms later SIGKILL (seen with strace -f; 22.05 and 24.11 run it
# through system() and kill nothing). `setsid -f` returns as soon as it has forked, before its child has
# called setsid(), so on a busy machine 2 of 10 (and 2 of 30) back-to-back reboots lost their worker:
# slurmctld sent the reboot, nothing rebooted, and after ResumeTimeout the node was DOWN "reboot timed
# out". A real `reboot` returns once systemd, outside slurmd's process group, has taken the job; here the
# worker says "started" on fd 3 once it runs in a session of its own, and this returns after that line.
cmd_reboot_node() {
  [[ ${1:-} == --dir && -n ${2:-} ]] || { usage >&2; exit 2; }
  DIR=$2
  local node=${3:-$(hostname)} log started=''
  [[ -f $DIR/etc/slurm.conf ]] || die "no testbed in $DIR"
  [[ -d $DIR/spool/$node ]] || die "$node is not a node of the testbed in $DIR"
  log=$DIR/log/reboot-$node.log
  read -r -t 10 started < <(setsid -f unshare --uts "$SELF" _reboot-worker "$DIR" "$node" 3>&1 </dev/null >>"$log" 2>&1) || true
  [[ $started == started ]] || die "the reboot worker of $node did not start within 10 s (see $log)"
}

sim_setting() { # NODE NAME DEFAULT
  local value
  value=$(cat "$DIR/sim/$1.$2" 2>/dev/null) || value=$3
  printf '%s' "${value:-$3}"
}

# The uptime of the host (the initial time namespace) for UPTIME read here: a node that was rebooted
# before runs its RebootProgram inside the time namespace of that boot, and unshare's --boottime offset
# is relative to the initial namespace, not to this one (time_namespaces(7)).
host_uptime() { # UPTIME as read from /proc/uptime
  local clock seconds _ offset=0
  if [[ -r /proc/self/timens_offsets ]]; then
    while read -r clock seconds _; do
      [[ $clock == boottime ]] && offset=$seconds
    done </proc/self/timens_offsets
  fi
  printf '%d.%s' $((${1%.*} - offset)) "${1#*.}"
}

cmd_reboot_worker() {
  DIR=$1
  local node=$2 mode downtime
  # In a session of its own now (setsid ran before unshare): slurmd's kill of the program's group misses it.
  printf 'started\n' >&3
  exec 3>&-
  cd /
  export PATH=$DAEMON_PATH SLURM_CONF=$DIR/etc/slurm.conf
  domainname reboot-worker # this namespace of our own was copied from the node's, tag included
  exec 8>"$DIR/run/node-$node.lock"
  flock 8
  {
    flock 9
    [[ -e $DIR/run/stopping ]] && exit 0
    record_pid "$BASHPID" "reboot-worker-$node"
  } 9>"$DIR/run/lock"

  set_clean_env
  mode=$(sim_setting "$node" mode reboot)
  downtime=$(sim_setting "$node" downtime 2)
  case $mode in reboot | never | no-reboot) ;; *) die "unknown mode '$mode' for $node" ;; esac
  printf '%s %s %s\n' "$EPOCHREALTIME" "$node" "$mode" >>"$DIR/sim/reboots.log"
  echo "$(date +%T.%3N) $node: going down ($mode, ${downtime}s)"

  # slurmctld takes "now - uptime" of each registration as the boot time: it must not be before the
  # reboot was asked for (else it waits for a boot), and must stay at or before the first registration
  # of the new slurmd, whose time becomes the node's last response (a later registration with a boot
  # time past that is "Node unexpectedly rebooted"; validate_node_specs, node_mgr.c). `slurmd -b` did
  # not do that: it counts uptime from its first registration, and as time() and the uptime tick in
  # whole seconds at different moments, a second registration could put the boot a second later.
  # So the new slurmd's uptime counts from this moment (rounded up), and it registers 2 s or more later.
  local booted_at mark=$EPOCHREALTIME
  read -r booted_at _ </proc/uptime
  booted_at=$(host_uptime "$booted_at")
  # A reboot ends everything on the node: slurmd, slurmstepd, job processes.
  local pid st ns
  if [[ -f $DIR/run/node-$node ]]; then
    read -r pid st ns <"$DIR/run/node-$node"
    # Hold the node's UTS namespace open while its processes stop: once its last process is gone the
    # kernel may give its inode number to the next namespace made, such as another node's slurmd
    # starting at that moment, which processes_in would then stop as this node's. With its slurmd
    # gone already (a node left down), the recorded namespace may be another node's by now: stop
    # nothing by it (it once killed n4's new slurmd when n3, left down, was booted again).
    if is_alive "$pid" "$st" && exec 7<"/proc/$pid/ns/uts"; then
      printf '%s %s\n' "$pid" "$st" | stop_processes 3
      processes_in "$ns" | stop_processes 3 KILL
      exec 7<&-
    fi
    rm -f "$DIR/run/node-$node"
  fi
  [[ $mode == never ]] && { echo "$(date +%T.%3N) $node: stays down"; exit 0; }
  sleep "$downtime"
  while ((${EPOCHREALTIME/./} - ${mark/./} < 2000000)); do sleep 0.05; done

  [[ $mode == no-reboot ]] && booted_at=''
  {
    flock 9
    [[ -e $DIR/run/stopping ]] && exit 0
    start_slurmd "$node" "$booted_at" 8>&- 9>&-
  } 9>"$DIR/run/lock"
  note_node "$node" "$STARTED_PID"
  if [[ -n $booted_at ]]; then
    echo "$(date +%T.%3N) $node: slurmd started, pid $STARTED_PID, booted at host uptime $booted_at"
  else
    echo "$(date +%T.%3N) $node: slurmd started, pid $STARTED_PID, same boot time"
  fi
}

# ---------------------------------------------------------------- controller faults

open_testbed() { # DIR
  DIR=$1
  [[ -f $DIR/etc/slurm.conf ]] || die "no testbed in $DIR"
  DIR=$(cd "$DIR" && pwd -P)
  export PATH=$DAEMON_PATH SLURM_CONF=$DIR/etc/slurm.conf
  set_clean_env
  [[ ! -d $DIR/bin/slurm ]] || PATH=$DIR/bin/slurm:$PATH
}

# The recorded slurmctld that is still alive (the last one started), as "PID STARTTIME".
live_controller() {
  local pid st label found=''
  while read -r pid st label; do
    if [[ $label == slurmctld ]] && is_alive "$pid" "$st"; then found="$pid $st"; fi
  done <"$DIR/run/pids"
  printf '%s' "$found"
}

cmd_kill_controller() {
  [[ ${1:-} == --dir && -n ${2:-} ]] || { usage >&2; exit 2; }
  open_testbed "$2"
  local live
  live=$(live_controller)
  [[ -n $live ]] || die "slurmctld of $DIR is not running"
  printf '%s\n' "$live" | stop_processes 5 KILL || die "slurmctld would not die"
  printf 'testbed: slurmctld killed (pid %s)\n' "${live%% *}"
}

# SIGTERM: slurmctld saves its whole state as it shuts down (a crash, kill-controller, loses what it
# had not saved yet). Waits until it is gone.
cmd_stop_controller() {
  [[ ${1:-} == --dir && -n ${2:-} ]] || { usage >&2; exit 2; }
  open_testbed "$2"
  local live
  live=$(live_controller)
  [[ -n $live ]] || die "slurmctld of $DIR is not running"
  printf '%s\n' "$live" | stop_processes 30 || die "slurmctld would not stop"
  printf 'testbed: slurmctld stopped (pid %s)\n' "${live%% *}"
}

# Without -c: slurmctld reads back its saved state (jobs, node states, reservations), as after a crash.
cmd_start_controller() {
  [[ ${1:-} == --dir && -n ${2:-} ]] || { usage >&2; exit 2; }
  open_testbed "$2"
  [[ -z $(live_controller) ]] || die "slurmctld of $DIR is running already"
  {
    flock 9
    [[ -e $DIR/run/stopping ]] && die "the testbed in $DIR is being stopped"
    start_slurmctld 9>&-
  } 9>"$DIR/run/lock"
  # slurmctld takes node features from slurm.conf when it starts; what scontrol set is gone. A node's
  # simulated disk keeps its features in DIR/sim/NODE.features: set them again, as the node has them.
  local file node features
  for file in "$DIR"/sim/*.features; do
    [[ -f $file ]] || continue
    node=$(basename "$file" .features) features=$(<"$file")
    scontrol update nodename="$node" AvailableFeatures="$features" ActiveFeatures="$features"
  done
  printf 'testbed: slurmctld started again\n'
}

# ---------------------------------------------------------------- main

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    releases) cmd_releases ;;
    exec) cmd_exec "$@" ;;
    root) cmd_root_of "$@" ;;
    reboot-node) cmd_reboot_node "$@" ;;
    kill-controller) cmd_kill_controller "$@" ;;
    stop-controller) cmd_stop_controller "$@" ;;
    start-controller) cmd_start_controller "$@" ;;
    install) cmd_install "$@" ;;
    _reboot-worker) cmd_reboot_worker "$@" ;;
    _root) cmd_root "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
