#!/usr/bin/env bash
# Scale-out: does a second and a third silo add capacity? For 1, 2 and 3 silos (redis clustering, memory storage,
# each silo in a cgroup of its own held to the same CPU quota), pipelined XADD over 64 streams per client group:
#   - silo CPU microseconds per request: utime+stime of every silo over a fixed number of requests;
#   - aggregate throughput under equal quotas;
# with plain clients (one redis-benchmark per silo, each through its own gateway, so most requests are forwarded
# to the owner of the key) and, where the nodes speak the Redis Cluster protocol (--cluster-enabled yes), with
# cluster-aware clients (redis-benchmark --cluster, each request sent to the key's owner).
# Usage: bench/scaleout.sh [--quick]      Env: QUOTA (CPU share per silo, default 0.4), REQUESTS.
# Writes bench/results/scaleout.md. Needs root (cgroups) and a Release build (it builds one if missing).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
SILO_DIR="$ROOT/silo/bin/Release/net10.0"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-scaleout.XXXXXX")"
mkdir -p "$RESULTS"
QUOTA=${QUOTA:-0.4}
if [ "${1:-}" = "--quick" ]; then REQUESTS=${REQUESTS:-150000}; else REQUESTS=${REQUESTS:-600000}; fi
CLIENTS_PER_SILO=16
PIPELINE=16
STREAMS=64

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

[ -f "$SILO_DIR/OrleansStreams.Silo.dll" ] || dotnet build "$ROOT/silo" -c Release >/dev/null

# --- cgroups: one per silo with QUOTA of a CPU (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us) ---------------------
CGROUPS=()
cgroup_new() { # name; prints the cgroup's folder
    local quota_us; quota_us=$(awk -v q="$QUOTA" 'BEGIN { printf "%d", q * 100000 }')
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
        echo "+cpu" >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
        mkdir -p "/sys/fs/cgroup/$1"
        echo "$quota_us 100000" >"/sys/fs/cgroup/$1/cpu.max"
        echo "/sys/fs/cgroup/$1"
    else
        mkdir -p "/sys/fs/cgroup/cpu/$1"
        echo 100000 >"/sys/fs/cgroup/cpu/$1/cpu.cfs_period_us"
        echo "$quota_us" >"/sys/fs/cgroup/cpu/$1/cpu.cfs_quota_us"
        echo "/sys/fs/cgroup/cpu/$1"
    fi
}
cleanup_cgroups() {
    for g in "${CGROUPS[@]:-}"; do [ -n "$g" ] && rmdir "$g" 2>/dev/null || true; done
}
trap 'cleanup; cleanup_cgroups' EXIT

# CPU seconds (utime+stime) a process has used, in microseconds.
cpu_us() { # pid
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"
}

REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$SCRATCH/redis"

SILO_PIDS=()
RESP_PORTS=()
start_cluster() { # n id cluster-enabled(yes|no)
    local n=$1 id=$2 enabled=$3 i
    SILO_PIDS=(); RESP_PORTS=()
    for ((i = 0; i < n; i++)); do
        local resp silo gw group
        resp=$(free_port); silo=$(free_port); gw=$(free_port)
        group=$(cgroup_new "osbench-$id-$i"); CGROUPS+=("$group")
        # The silo's shell joins the cgroup first, so the silo and every thread it starts are held to the quota.
        (echo $BASHPID >"$group/cgroup.procs" && cd "$SILO_DIR" && exec dotnet OrleansStreams.Silo.dll --storage memory \
            --clustering redis --redis "127.0.0.1:$REDIS_PORT" --cluster-id "$id" --cluster-enabled "$enabled" \
            --resp-port "$resp" --silo-port "$silo" --gateway-port "$gw" --bind 127.0.0.1) >"$SCRATCH/$id-$i.log" 2>&1 &
        SILO_PIDS+=($!); PIDS+=($!); RESP_PORTS+=("$resp")
    done
    for ((i = 0; i < n; i++)); do wait_ready "${RESP_PORTS[$i]}" "${SILO_PIDS[$i]}"; done
    # Every silo sees all n in membership (and, in cluster mode, owns its slots) before anything is measured.
    local deadline=$((SECONDS + 60))
    while [ "$(redis-cli -p "${RESP_PORTS[0]}" CLUSTER NODES 2>/dev/null | grep -c master || true)" -lt "$n" ] \
        && cluster_mode && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
}
stop_cluster() {
    for pid in "${SILO_PIDS[@]}"; do stop_pid "$pid"; done
}
cluster_mode() { redis-cli -p "${RESP_PORTS[0]}" INFO cluster 2>/dev/null | grep -q 'cluster_enabled:1'; }

# One measured run: sets LAST_CPU_US_PER_REQ and LAST_RPS.
measure() { # mode(plain|cluster) requests
    local mode=$1 total=$2 n=${#SILO_PIDS[@]} i before=0 after=0 start end
    for pid in "${SILO_PIDS[@]}"; do before=$((before + $(cpu_us "$pid"))); done
    start=$(date +%s.%N)
    if [ "$mode" = cluster ]; then
        timeout 600 redis-benchmark --cluster -p "${RESP_PORTS[0]}" -n "$total" -c $((CLIENTS_PER_SILO * n)) -P "$PIPELINE" \
            -r "$STREAMS" XADD 'bench:{tag}:__rand_int__' '*' f v >"$SCRATCH/last.out" 2>&1 || echo "redis-benchmark --cluster failed: $(tail -n 1 "$SCRATCH/last.out")" >&2
    else
        for ((i = 0; i < n; i++)); do
            timeout 600 redis-benchmark -p "${RESP_PORTS[$i]}" -n $((total / n)) -c "$CLIENTS_PER_SILO" -P "$PIPELINE" \
                -r "$STREAMS" XADD "bench:$i:__rand_int__" '*' f v >"$SCRATCH/last-$i.out" 2>&1 &
        done
        wait_jobs
    fi
    end=$(date +%s.%N)
    for pid in "${SILO_PIDS[@]}"; do after=$((after + $(cpu_us "$pid"))); done
    LAST_CPU_US_PER_REQ=$(awk -v c=$((after - before)) -v r="$total" 'BEGIN { printf "%.2f", c / r }')
    LAST_RPS=$(awk -v s="$start" -v e="$end" -v r="$total" 'BEGIN { printf "%d", r / (e - s) }')
}
wait_jobs() { for job in $(jobs -p); do case " ${PIDS[*]} " in *" $job "*) ;; *) wait "$job" || true ;; esac; done; }

ROWS="$SCRATCH/rows" # silos|mode|cpu µs/req|req/s
: >"$ROWS"
# Plain clients against nodes without the cluster switch (each serves every key, forwarding to its owner);
# cluster-aware clients against nodes with it (a plain client would get -MOVED there).
for n in 1 2 3; do
    for mode in plain cluster; do
        # redis-benchmark --cluster refuses a one-node cluster; with one silo every request is local anyway, so the
        # cluster-aware line of one silo is its plain line.
        if [ "$mode" = cluster ] && [ "$n" = 1 ]; then echo "1|cluster|$LAST_CPU_US_PER_REQ|$LAST_RPS" >>"$ROWS"; continue; fi
        id="scale-$n-$mode-$RANDOM"
        start_cluster "$n" "$id" "$([ "$mode" = cluster ] && echo yes || echo no)"
        if [ "$mode" = cluster ] && ! cluster_mode; then echo "nodes do not speak the cluster protocol" >&2; stop_cluster; continue; fi
        measure "$mode" $((REQUESTS / 4)) # warm-up: JIT and grain activations, unmeasured
        measure "$mode" "$REQUESTS"
        echo "$n|$mode|$LAST_CPU_US_PER_REQ|$LAST_RPS" | tee -a "$ROWS" >&2
        stop_cluster
    done
done

value() { awk -F'|' -v n="$1" -v m="$2" -v col="$3" '$1 == n && $2 == m { print $col }' "$ROWS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
{
    echo "# Scale-out ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, quota $QUOTA CPU per silo, $REQUESTS pipelined XADDs per line)"
    echo
    echo "| silos | clients | silo CPU µs/request | × 1 silo | throughput req/s | × 1 silo |"
    echo "|---:|---|---:|---:|---:|---:|"
    for mode in cluster plain; do
        for n in 1 2 3; do
            cpu=$(value "$n" "$mode" 3); rps=$(value "$n" "$mode" 4)
            [ -n "$cpu" ] || continue
            label=$([ "$mode" = cluster ] && echo "cluster-aware (redis-benchmark --cluster)" || echo "plain, through every gateway")
            echo "| $n | $label | $cpu | $(ratio "$cpu" "$(value 1 "$mode" 3)") | $rps | $(ratio "$rps" "$(value 1 "$mode" 4)") |"
        done
    done
    echo
    echo "Targets: CPU per request with 3 silos ≤ 1.15× one silo's (cluster-aware) and ≤ 1.5× (plain); throughput with 3 silos ≥ 2.5× one silo's."
} | tee "$RESULTS/scaleout.md"
