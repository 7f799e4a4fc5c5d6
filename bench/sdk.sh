#!/usr/bin/env bash
# SDK benchmark (issue #9): `ostreams bench` — the C# SDK over the Orleans client, batched appends
# (AddBatchAsync) from P producers and a worker pool (ConsumeAsync) draining them — against one silo
# with memory and with file storage. The references, in the same run, with the same batch size and
# concurrency: redis-benchmark XADD pipelined (-P batch, -c producers) against redis-server, and the
# same against the silo's own RESP gateway.
# Usage: bench/sdk.sh [--quick]     Writes bench/results/sdk.md.
set -euo pipefail

QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; fi
N=${N:-400000}
if [ "$QUICK" = 1 ]; then N=50000; fi
BATCH=${BATCH:-100}
PRODUCERS=${PRODUCERS:-4}
CONSUMERS=${CONSUMERS:-2}

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
SILO_DIR="$ROOT/silo/bin/Release/net10.0"
CLI="$ROOT/client/OrleansStreams.Cli/bin/Release/net10.0/ostreams.dll"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-sdkbench.XXXXXX")"
mkdir -p "$RESULTS"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

echo "building silo and CLI (Release)…" >&2
dotnet build "$ROOT/silo" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/client/OrleansStreams.Cli" -c Release -v q -nologo >/dev/null

xadd_rate() { # port stream: XADD entries/s with redis-benchmark, pipelined like the SDK's batches
    redis-benchmark -p "$1" -n "$N" -c "$PRODUCERS" -P "$BATCH" -q XADD "$2" '*' seq 1 payload xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 2>/dev/null \
        | tr '\r' '\n' | awk '/requests per second/ { for (i = 1; i <= NF; i++) if ($i == "requests") print $(i - 1) }' | tail -1
}

sdk_run() { # gateway-port count: the bench's JSON
    dotnet "$CLI" --gateway-port "$1" --json bench --count "$2" --producers "$PRODUCERS" --batch "$BATCH" --consumers "$CONSUMERS" --payload-size 64
}

field() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=d
for k in sys.argv[1].split("."): v=v[k]
print(v)' "$1"; }

REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$SCRATCH/redis"
xadd_rate "$REDIS_PORT" warm >/dev/null
REDIS_RATE=$(xadd_rate "$REDIS_PORT" bench:ref)
echo "redis-server XADD -P $BATCH -c $PRODUCERS: $REDIS_RATE/s" >&2

ROWS="$SCRATCH/rows"
: >"$ROWS"
for storage in memory file; do
    PORT=$(free_port)
    start_silo "$storage" "$PORT"
    # The identical warm-up for both paths: a tenth of the run, unmeasured.
    sdk_run "$GATEWAY_PORT" $((N / 10)) >/dev/null
    xadd_rate "$PORT" warm >/dev/null
    JSON=$(sdk_run "$GATEWAY_PORT" "$N")
    GW_RATE=$(xadd_rate "$PORT" bench:gw)
    PRODUCE=$(echo "$JSON" | field producePerSecond)
    CONSUME=$(echo "$JSON" | field consumePerSecond)
    A50=$(echo "$JSON" | field appendLatencyMs.p50); A99=$(echo "$JSON" | field appendLatencyMs.p99)
    E50=$(echo "$JSON" | field endToEndLatencyMs.p50); E99=$(echo "$JSON" | field endToEndLatencyMs.p99)
    echo "$storage: SDK produce $PRODUCE/s consume $CONSUME/s; gateway XADD $GW_RATE/s" >&2
    printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$storage" "$PRODUCE" "$CONSUME" "$GW_RATE" "$A50" "$A99" "$E50" "$E99" "$REDIS_RATE" >>"$ROWS"
    stop_pid "$SILO_PID"
done

{
    echo "# SDK benchmark — $(date -u +%Y-%m-%d) on $(nproc) cores"
    echo
    echo "$N entries of ~90 bytes; $PRODUCERS producers appending batches of $BATCH; $CONSUMERS ConsumeAsync workers (batch $BATCH) draining a group."
    echo "Reference: redis-benchmark XADD -P $BATCH -c $PRODUCERS against redis-server: **$REDIS_RATE entries/s**."
    echo
    echo "| storage | SDK produce /s | ratio to redis-server | SDK consume (read+ack) /s | gateway XADD /s | ratio | append batch p50 / p99 ms | end-to-end p50 / p99 ms |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    while IFS='|' read -r storage produce consume gw a50 a99 e50 e99 redis; do
        printf '| %s | %.0f | %.2f× | %.0f | %.0f | %.2f× | %s / %s | %s / %s |\n' "$storage" "$produce" \
            "$(python3 -c "print($produce/$redis)")" "$consume" "$gw" "$(python3 -c "print($gw/$redis)")" "$a50" "$a99" "$e50" "$e99"
    done <"$ROWS"
} | tee "$RESULTS/sdk.md"
