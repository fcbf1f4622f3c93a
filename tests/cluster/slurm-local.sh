#!/usr/bin/env bash
# Brings up (or down) a single-node Slurm on this machine without systemd, for the cluster tests.
#   tests/cluster/slurm-local.sh up    # prints: export SLURM_CONF=...
#   tests/cluster/slurm-local.sh down
# Needs root and Debian's munge, slurmctld, slurmd and slurm-client packages. State lives in $SLURM_STATE
# (default /tmp/coprodsim-slurm); the daemons are stopped by their pid files.
set -euo pipefail
state="${SLURM_STATE:-/tmp/coprodsim-slurm}"
conf="$state/slurm.conf"

running() { # pid file -> 0 when its process is alive and not a zombie
  [[ -s "$1" ]] || return 1
  local pid; pid=$(cat "$1")
  [[ -r /proc/$pid/stat ]] || return 1
  local st; st=$(awk '{print $3}' "/proc/$pid/stat")
  [[ "$st" != Z && "$st" != X ]]
}

up() {
  mkdir -p "$state"/{spool,ctld,log}
  # munge: one key, run as its own user, socket under /run/munge
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  fi
  if ! running /run/munge/munged.pid; then
    runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
  fi
  local cpus mem
  cpus=$(nproc)
  mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))  # MB, below the machine's
  cat > "$conf" <<CONF
ClusterName=coprodsim-test
SlurmctldHost=localhost
SlurmUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MaxArraySize=10001
MinJobAge=600
NodeName=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$conf"
  running "$state/slurmctld.pid" || slurmctld -f "$conf"
  running "$state/slurmd.pid" || slurmd -f "$conf" -N localhost
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "export SLURM_CONF=$conf"; return 0
    fi
    sleep 0.5
  done
  echo "slurm did not come up; logs in $state/log" >&2; sinfo >&2 || true; return 1
}

down() {
  for f in "$state/slurmd.pid" "$state/slurmctld.pid" /run/munge/munged.pid; do
    if running "$f"; then kill "$(cat "$f")" || true; fi
  done
  for f in "$state/slurmd.pid" "$state/slurmctld.pid" /run/munge/munged.pid; do
    for _ in $(seq 1 50); do running "$f" || break; sleep 0.1; done
    if running "$f"; then kill -9 "$(cat "$f")" || true; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
