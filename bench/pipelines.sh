#!/usr/bin/env bash
# Pipeline drain benchmark (issue #8): preload N events over 10,000 keys into a stream, then time how
# fast a pipeline drains it, for tumbling count, sliding sum and session windows, on one silo with
# memory and with file storage. The reference is the hand-written worker users run today against
# redis-server (bench/worker.py: XREADGROUP COUNT 1000, a dict of counts, XACK), same events.
# Usage: bench/pipelines.sh [--quick]     Writes bench/results/pipelines.md.
set -euo pipefail

QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; fi
N=1000000
if [ "$QUICK" = 1 ]; then N=100000; fi
KEYS=10000
DRAIN_TIMEOUT=600

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
SILO_DIR="$ROOT/silo/bin/Release/net10.0"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-plbench.XXXXXX")"
mkdir -p "$RESULTS"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ROWS="$SCRATCH/rows"
: >"$ROWS"

preload() { # port: N entries, user = one of KEYS, amount 5; event time = the entry ID's ms
    local port=$1
    redis-benchmark -p "$port" -n "$N" -c 4 -P 64 -r "$KEYS" XADD bench:events '*' user __rand_int__ amount 5 >/dev/null 2>&1
    echo "preloaded $(redis-cli -p "$port" XLEN bench:events) events on $port" >&2
}

info_field() { # port pipeline field
    redis-cli -p "$1" PIPELINE.INFO "$2" | awk -v f="$3" 'prev == f { print; exit } { prev = $0 }'
}

drain() { # label port pipeline json [unmeasured]
    local label=$1 port=$2 name=$3 json=$4 unmeasured=${5:-}
    local start end processed deadline=$((SECONDS + DRAIN_TIMEOUT))
    start=$(date +%s.%N)
    redis-cli -p "$port" PIPELINE.CREATE "$name" "$json" >/dev/null
    processed=0
    while [ "$processed" -lt "$N" ] && [ $SECONDS -lt $deadline ]; do
        sleep 0.1
        processed=$(info_field "$port" "$name" events_processed)
        processed=${processed:-0}
    done
    end=$(date +%s.%N)
    if [ -n "$unmeasured" ]; then
        redis-cli -p "$port" PIPELINE.DROP "$name" >/dev/null
        return
    fi
    local p50 p99 emitted
    p50=$(info_field "$port" "$name" latency_p50_ms)
    p99=$(info_field "$port" "$name" latency_p99_ms)
    emitted=$(info_field "$port" "$name" events_emitted)
    awk -v l="$label" -v n="$processed" -v s="$start" -v e="$end" -v p50="$p50" -v p99="$p99" -v em="$emitted" \
        'BEGIN { t = e - s; printf "%s|%d|%.2f|%.0f|%s|%s|%s\n", l, n, t, n / t, p50, p99, em }' >>"$ROWS"
    tail -n 1 "$ROWS" >&2
    redis-cli -p "$port" PIPELINE.DROP "$name" >/dev/null
}

TUMBLING='{"source":{"stream":"bench:events"},"watermark":{"type":"bounded","maxOutOfOrderMs":100},"steps":[{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":1000}},{"aggregate":[{"op":"count","as":"n"}]}],"sink":{"stream":"bench:out:tumbling"}}'
TUMBLING16='{"source":{"stream":"bench:events"},"watermark":{"type":"bounded","maxOutOfOrderMs":100},"steps":[{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":1000}},{"aggregate":[{"op":"count","as":"n"}]}],"keyGroups":16,"sink":{"stream":"bench:out:tumbling16"}}'
SLIDING='{"source":{"stream":"bench:events"},"watermark":{"type":"bounded","maxOutOfOrderMs":100},"steps":[{"keyBy":"user"},{"window":{"type":"sliding","sizeMs":10000,"slideMs":1000}},{"aggregate":[{"op":"sum","field":"amount","as":"total"}]}],"sink":{"stream":"bench:out:sliding"}}'
SESSION='{"source":{"stream":"bench:events"},"watermark":{"type":"bounded","maxOutOfOrderMs":100},"steps":[{"keyBy":"user"},{"window":{"type":"session","gapMs":1000}},{"aggregate":[{"op":"count","as":"n"},{"op":"duration","as":"ms"}]}],"sink":{"stream":"bench:out:session"}}'

echo "Building the silo (Release)..." >&2
dotnet build "$ROOT/silo/OrleansStreams.Silo.csproj" -c Release -nologo -v quiet >&2

REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$SCRATCH/redis-ref" --appendonly no
preload "$REDIS_PORT"
# Debian's python3-redis (installed by .ci/run) lives with the system python.
read -r WORKER_N WORKER_T < <(/usr/bin/python3 "$ROOT/bench/worker.py" "$REDIS_PORT" bench:events "$N")
awk -v n="$WORKER_N" -v t="$WORKER_T" 'BEGIN { printf "hand-written worker (redis-py) on redis-server, tumbling count|%d|%.2f|%.0f|||\n", n, t, n / t }' >>"$ROWS"
tail -n 1 "$ROWS" >&2

for storage in memory file; do
    port=$(free_port)
    start_silo "$storage" "$port" ""
    preload "$port"
    # The first pipeline on a fresh silo runs while .NET's tiered JIT is still compiling the hot
    # paths: measured and shown as the cold start; a second, unmeasured drain finishes the warm-up
    # (tier-1 code with dynamic PGO); then the same again and the others, warm.
    drain "tumbling 1 s count, $storage, cold silo" "$port" pl-cold "$TUMBLING"
    drain "warm-up" "$port" pl-warm "$TUMBLING" unmeasured
    drain "tumbling 1 s count, $storage" "$port" pl-tumbling "$TUMBLING"
    drain "sliding 10 s / 1 s sum, $storage" "$port" pl-sliding "$SLIDING"
    drain "session 1 s gap count+duration, $storage" "$port" pl-session "$SESSION"
    drain "tumbling 1 s count, 16 key groups, $storage" "$port" pl-tumbling16 "$TUMBLING16"
    stop_pid "$SILO_PID"
done

{
    echo "# Pipeline drain: $N preloaded events, $KEYS keys, one silo"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, redis-server $(redis-server --version | awk '{print $3}'), mode: $([ "$QUICK" = 1 ] && echo quick || echo full)"
    echo
    echo "| run | events | seconds | events/s | ratio to worker | batch p50 ms | batch p99 ms | results emitted |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'|' 'NR == 1 { ref = $4 } { ratio = (NR == 1 || ref == 0) ? "" : sprintf("%.2f", $4 / ref); printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, ratio, $5, $6, $7 }' "$ROWS"
    echo
    echo "Time runs from PIPELINE.CREATE until PIPELINE.INFO reports every event processed (polled every 0.1 s)."
    echo "Batch latency: read → every key group durable → position committed, per source batch (PIPELINE.INFO)."
} >"$RESULTS/pipelines.md"
cat "$RESULTS/pipelines.md"
