#!/usr/bin/env bash
# Cold start: the first N_COLD pipelined XADDs (-P 16, 50 clients) of a freshly started silo, RUNS times, beside the
# same on a freshly started redis-server; also how long the silo took to answer PING and the CPU time it spent on
# the burst (user + system, JIT threads included: steadier than ops/s on a shared machine). For trying start-up settings:
# DOTNET_* variables pass through to the silo, and SILO_DIR may point at another build (e.g. a ReadyToRun publish).
# PREWARM=N first sends N pipelined XADDs to another key (an upper bound for a warm-up inside the silo: its time is
# added to "ready"); STEADY=N afterwards sends N more unmeasured and measures N more (the setting's warm speed).
# Usage: [SILO_DIR=dir] [STORAGE=memory|file] [PREWARM=N] [STEADY=N] bench/coldstart.sh [runs] [label]     One line per run.
set -euo pipefail

RUNS=${1:-3}
LABEL=${2:-default}
STORAGE=${STORAGE:-memory}
N_COLD=${N_COLD:-100000}
CLIENTS=50
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SILO_DIR="${SILO_DIR:-$ROOT/silo/bin/Release/net10.0}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-coldstart.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

first_xadds() { # port [n] [key]: "ops/s p50 p99" of n (N_COLD) pipelined XADDs
    redis-benchmark -p "$1" -n "${2:-$N_COLD}" -c "$CLIENTS" -P 16 --csv XADD "${3:-bench:cold}" '*' f v 2>/dev/null | tail -n 1 \
        | awk -F'","' '{ gsub(/"/, "", $0); split($0, f, ","); print f[2], f[5], f[7] }'
}

cpu_ms() { # pid: user + system CPU time so far, in ms
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"
}

for run in $(seq 1 "$RUNS"); do
    port=$(free_port)
    start_redis "$port" "$SCRATCH/redis-$run" --appendonly no
    read -r redis_rps _ _ <<<"$(first_xadds "$port")"
    stop_pid "$REDIS_PID"
    port=$(free_port)
    t0=$(date +%s.%N)
    start_silo "$STORAGE" "$port"
    if [ "${PREWARM:-0}" -gt 0 ]; then first_xadds "$port" "$PREWARM" bench:prewarm >/dev/null; fi
    ready=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    cpu0=$(cpu_ms "$SILO_PID")
    read -r rps p50 p99 <<<"$(first_xadds "$port")"
    cpu=$(awk -v a="$cpu0" -v b="$(cpu_ms "$SILO_PID")" 'BEGIN { print b - a }')
    steady=""
    if [ "${STEADY:-0}" -gt 0 ]; then
        first_xadds "$port" "$STEADY" bench:steady >/dev/null
        cpu0=$(cpu_ms "$SILO_PID")
        read -r steady_rps _ _ <<<"$(first_xadds "$port" "$STEADY" bench:steady)"
        steady="; then $steady_rps ops/s warm, silo CPU $(awk -v a="$cpu0" -v b="$(cpu_ms "$SILO_PID")" 'BEGIN { print b - a }') ms"
    fi
    stop_pid "$SILO_PID"
    rm -rf "$SCRATCH/silo-$STORAGE"
    printf '%s %s run %d: ready in %.1f s; first %d XADD -P 16: %s ops/s (p50 %s ms, p99 %s ms), silo CPU %d ms; redis-server %s ops/s; ratio %.2f%s\n' \
        "$LABEL" "$STORAGE" "$run" "$ready" "$N_COLD" "$rps" "$p50" "$p99" "$cpu" "$redis_rps" "$(awk -v a="$rps" -v b="$redis_rps" 'BEGIN { print a / b }')" "$steady"
done
