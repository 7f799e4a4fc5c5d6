#!/usr/bin/env bash
# Side-by-side benchmark: redis-server vs the OrleansStreams gateway (memory, file and redis storage), same commands, same flags.
# Usage: bench/run.sh [--quick]     Writes bench/results/latest.md.
set -euo pipefail

QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
SILO_DIR="$ROOT/silo/bin/Release/net10.0"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-bench.XXXXXX")"
mkdir -p "$RESULTS"

if [ "$QUICK" = 1 ]; then
    N_PLAIN=5000; N_PIPE=50000; N_READ=5000; N_BIG=100000; N_WARM=100000; N_GROUP=2000
else
    N_PLAIN=40000; N_PIPE=1000000; N_READ=40000; N_BIG=1000000; N_WARM=1000000; N_GROUP=20000
fi
CLIENTS=50
BENCH_TIMEOUT=240

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# bench <label> <port> <requests> <redis-benchmark args...>; appends "label|rps|p50|p99" to $ROWS.
bench() {
    local label=$1 port=$2 n=$3; shift 3
    local csv
    if csv=$(timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" --csv "$@" 2>/dev/null | tail -n 1) && [ -n "$csv" ]; then
        # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        echo "$csv" | awk -F'","' -v label="$label" '{ gsub(/"/, "", $0); split($0, f, ","); printf "%s|%s|%s|%s\n", label, f[2], f[5], f[7] }' >>"$ROWS"
    else
        echo "$label|n/a|n/a|n/a" >>"$ROWS"
    fi
    tail -n 1 "$ROWS" >&2
}

# The same load as the suite, unmeasured, so that .NET's tiered JIT has compiled the hot paths
# with full optimisation before anything is measured (it takes a few seconds of load; redis-server
# gets the identical warm-up).
warmup() { # port
    local port=$1
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$N_WARM" -c "$CLIENTS" -P 16 XADD bench:warm '*' f v >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$((N_WARM / 10))" -c "$CLIENTS" XADD bench:warm '*' f v >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$((N_WARM / 10))" -c "$CLIENTS" XRANGE bench:warm - + COUNT 10 >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$((N_WARM / 10))" -c "$CLIENTS" XREAD COUNT 10 STREAMS bench:warm 0 >/dev/null 2>&1 || true
}

suite() { # target port
    local target=$1 port=$2
    warmup "$port"
    redis-cli -p "$port" FLUSHALL >/dev/null
    bench "XADD c=$CLIENTS|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:xadd '*' f v
    bench "XADD c=$CLIENTS P=16|$target" "$port" "$N_PIPE" -c "$CLIENTS" -P 16 XADD bench:xaddp '*' f v
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n 1000 -c 1 -P 100 XADD bench:range '*' field value >/dev/null 2>&1
    bench "XRANGE - + COUNT 10|$target" "$port" "$N_READ" -c "$CLIENTS" XRANGE bench:range - + COUNT 10
    bench "XREAD COUNT 10 STREAMS key 0|$target" "$port" "$N_READ" -c "$CLIENTS" XREAD COUNT 10 STREAMS bench:range 0
}

# Consumer groups: XREADGROUP COUNT 10 on '>' (each request takes 10 new entries) and XACK, unpipelined and -P 16.
group_suite() { # target port
    local target=$1 port=$2 n=$N_GROUP
    redis-cli -p "$port" FLUSHALL >/dev/null
    # Enough entries that no measured read finds the stream drained: 10 per read, for both runs.
    timeout 600 redis-benchmark -p "$port" -n "$((n * 10 * 2 + 10000))" -c 4 -P 64 XADD bench:group '*' f v >/dev/null 2>&1 || true
    redis-cli -p "$port" XGROUP CREATE bench:group g 0 >/dev/null
    # Warm-up on a second group (its own cursor over the same entries), unmeasured.
    redis-cli -p "$port" XGROUP CREATE bench:group warm 0 >/dev/null
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" -P 16 XREADGROUP GROUP warm c COUNT 10 STREAMS bench:group '>' >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" -P 16 XACK bench:group warm 1-1 >/dev/null 2>&1 || true
    bench "XREADGROUP COUNT 10 c=$CLIENTS|$target" "$port" "$n" -c "$CLIENTS" XREADGROUP GROUP g c COUNT 10 STREAMS bench:group '>'
    bench "XREADGROUP COUNT 10 c=$CLIENTS P=16|$target" "$port" "$n" -c "$CLIENTS" -P 16 XREADGROUP GROUP g c COUNT 10 STREAMS bench:group '>'
    local id; id=$(redis-cli -p "$port" XRANGE bench:group - + COUNT 1 | head -n 1)
    bench "XACK c=$CLIENTS|$target" "$port" "$n" -c "$CLIENTS" XACK bench:group g "$id"
    bench "XACK c=$CLIENTS P=16|$target" "$port" "$n" -c "$CLIENTS" -P 16 XACK bench:group g "$id"
}

big_suite() { # target port: XADD on an empty stream vs one already holding N_BIG entries
    local target=$1 port=$2
    redis-cli -p "$port" FLUSHALL >/dev/null
    timeout 600 redis-benchmark -p "$port" -n "$N_BIG" -c 4 -P 64 XADD bench:big '*' f v >/dev/null 2>&1 || true
    echo "$target bench:big holds $(redis-cli -p "$port" XLEN bench:big) entries" >&2
    bench "XADD empty stream c=$CLIENTS|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:empty '*' f v
    bench "XADD stream of $N_BIG c=$CLIENTS|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:big '*' f v
}

echo "Building the silo (Release)..." >&2
dotnet build "$ROOT/silo/OrleansStreams.Silo.csproj" -c Release -nologo -v quiet >&2

ROWS="$SCRATCH/rows"
: >"$ROWS"

REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$SCRATCH/redis-ref" --appendonly no
suite redis "$REDIS_PORT"
group_suite redis "$REDIS_PORT"
big_suite redis "$REDIS_PORT"
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null

for storage in memory file redis; do
    port=$(free_port)
    backend=""
    if [ "$storage" = redis ]; then
        backend_port=$(free_port)
        start_redis "$backend_port" "$SCRATCH/redis-backend" --appendonly yes --appendfsync always
        backend="127.0.0.1:$backend_port"
    fi
    start_silo "$storage" "$port" "$backend"
    suite "gateway-$storage" "$port"
    if [ "$storage" = memory ]; then
        group_suite "gateway-memory" "$port"
        big_suite "gateway-memory" "$port"
    fi
    stop_pid "$SILO_PID"
done

# Table: one line per benchmark and gateway storage, with the ratio to redis-server measured in this run.
{
    echo "# OrleansStreams gateway vs redis-server"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(redis-server --version | awk '{print $3}'), mode: $([ "$QUICK" = 1 ] && echo quick || echo full)"
    echo
    echo "| benchmark | target | ops/s | p50 ms | p99 ms | ops/s ratio gateway/redis | p50 ratio |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    awk -F'|' '
        { key=$1; tgt=$2; rps[key,tgt]=$3; p50[key,tgt]=$4; p99[key,tgt]=$5; if (!(key in seen)) { seen[key]=1; order[++n]=key } ; targets[key]=targets[key] " " tgt }
        END {
            for (i=1; i<=n; i++) {
                k=order[i]; m=split(targets[k], ts, " ")
                for (j=1; j<=m; j++) {
                    t=ts[j]; r=rps[k,"redis"]
                    ratio = (t=="redis" || r=="n/a" || rps[k,t]=="n/a" || r==0) ? "" : sprintf("%.2f", rps[k,t]/r)
                    pr = (t=="redis" || p50[k,"redis"]=="n/a" || p50[k,t]=="n/a" || p50[k,"redis"]==0) ? "" : sprintf("%.1f", p50[k,t]/p50[k,"redis"])
                    printf "| %s | %s | %s | %s | %s | %s | %s |\n", k, t, rps[k,t], p50[k,t], p99[k,t], ratio, pr
                }
            }
        }' "$ROWS"
    echo
    echo "Requests: XADD $N_PLAIN, pipelined XADD $N_PIPE, reads $N_READ, big stream $N_BIG entries; $CLIENTS clients."
    echo "Gateway redis storage uses a redis-server with appendonly yes, appendfsync always."
} >"$RESULTS/latest.md"

cat "$RESULTS/latest.md"
