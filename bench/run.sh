#!/usr/bin/env bash
# Side-by-side benchmark: redis-server vs the OrleansStreams gateway (memory, file and redis storage), same
# commands, same flags, and at the end every issue-10 target as a ratio to redis-server measured in this run.
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
    N_PLAIN=5000; N_PIPE=50000; N_READ=5000; N_BIG=200000; N_WARM=100000; N_GROUP=2000; N_MEM=200000
else
    N_PLAIN=40000; N_PIPE=1000000; N_READ=40000; N_BIG=10000000; N_WARM=1000000; N_GROUP=20000; N_MEM=2000000
fi
N_COLD=100000             # the cold-start target is defined on the first 100,000 requests, in both modes
N_FLAT=$((N_PLAIN * 10))  # pipelined XADDs per append-cost line
CLIENTS=50
BENCH_TIMEOUT=240
FILL_TIMEOUT=900

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ROWS="$SCRATCH/rows"      # label|target|ops/s|p50|p99|kind (kind: steady, cold or flat)
MEMROWS="$SCRATCH/memory" # target|entries|RSS kB before|RSS kB after|used_memory before|used_memory after
: >"$ROWS"
: >"$MEMROWS"

# bench <kind> <label|target> <port> <requests> <redis-benchmark args...>; appends a row to $ROWS.
bench() {
    local kind=$1 label=$2 port=$3 n=$4; shift 4
    local csv
    if csv=$(timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" --csv "$@" 2>/dev/null | tail -n 1) && [ -n "$csv" ]; then
        # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        echo "$csv" | awk -F'","' -v label="$label" -v kind="$kind" '{ gsub(/"/, "", $0); split($0, f, ","); printf "%s|%s|%s|%s|%s\n", label, f[2], f[5], f[7], kind }' >>"$ROWS"
    else
        echo "$label|n/a|n/a|n/a|$kind" >>"$ROWS"
    fi
    tail -n 1 "$ROWS" >&2
}

# Fills <key> with <n> small entries as fast as the target takes them (4 clients, -P 64); prints its length.
fill() { # port key n
    timeout "$FILL_TIMEOUT" redis-benchmark -p "$1" -n "$3" -c 4 -P 64 XADD "$2" '*' f v >/dev/null 2>&1 || true
    redis-cli -p "$1" XLEN "$2"
}

# The first thing a freshly started process serves: no warm-up, so .NET's tiered JIT, grain activation and
# the first storage writes are all inside the measurement (redis-server, also freshly started, is the reference).
cold_start() { # target port
    bench cold "XADD c=$CLIENTS P=16, first $N_COLD after start|$1" "$2" "$N_COLD" -c "$CLIENTS" -P 16 XADD bench:cold '*' f v
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
    bench steady "XADD c=$CLIENTS|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:xadd '*' f v
    bench steady "XADD c=$CLIENTS P=16|$target" "$port" "$N_PIPE" -c "$CLIENTS" -P 16 XADD bench:xaddp '*' f v
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n 1000 -c 1 -P 100 XADD bench:range '*' field value >/dev/null 2>&1
    bench steady "XRANGE - + COUNT 10|$target" "$port" "$N_READ" -c "$CLIENTS" XRANGE bench:range - + COUNT 10
    bench steady "XREAD COUNT 10 STREAMS key 0|$target" "$port" "$N_READ" -c "$CLIENTS" XREAD COUNT 10 STREAMS bench:range 0
}

# Consumer groups: XREADGROUP COUNT 10 on '>' (each request takes 10 new entries) and XACK, unpipelined and -P 16.
group_suite() { # target port
    local target=$1 port=$2 n=$N_GROUP
    redis-cli -p "$port" FLUSHALL >/dev/null
    # Enough entries that no measured read finds the stream drained: 10 per read, for both runs.
    fill "$port" bench:group "$((n * 10 * 2 + 10000))" >/dev/null
    redis-cli -p "$port" XGROUP CREATE bench:group g 0 >/dev/null
    # Warm-up on a second group (its own cursor over the same entries), unmeasured.
    redis-cli -p "$port" XGROUP CREATE bench:group warm 0 >/dev/null
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" -P 16 XREADGROUP GROUP warm c COUNT 10 STREAMS bench:group '>' >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" -P 16 XACK bench:group warm 1-1 >/dev/null 2>&1 || true
    # Unpipelined too: a pipelined warm-up alone leaves the one-command-per-read path cold (measured 11.6k vs 44.7k/s).
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" XREADGROUP GROUP warm c COUNT 10 STREAMS bench:group '>' >/dev/null 2>&1 || true
    timeout "$BENCH_TIMEOUT" redis-benchmark -p "$port" -n "$n" -c "$CLIENTS" XACK bench:group warm 1-1 >/dev/null 2>&1 || true
    bench steady "XREADGROUP COUNT 10 c=$CLIENTS|$target" "$port" "$n" -c "$CLIENTS" XREADGROUP GROUP g c COUNT 10 STREAMS bench:group '>'
    bench steady "XREADGROUP COUNT 10 c=$CLIENTS P=16|$target" "$port" "$n" -c "$CLIENTS" -P 16 XREADGROUP GROUP g c COUNT 10 STREAMS bench:group '>'
    local id; id=$(redis-cli -p "$port" XRANGE bench:group - + COUNT 1 | head -n 1)
    # Ten times the requests of a read line: 20,000 pipelined XACKs last ~16 ms on redis-server, too short to measure.
    bench steady "XACK c=$CLIENTS|$target" "$port" "$((n * 10))" -c "$CLIENTS" XACK bench:group g "$id"
    bench steady "XACK c=$CLIENTS P=16|$target" "$port" "$((n * 10))" -c "$CLIENTS" -P 16 XACK bench:group g "$id"
}

# Append cost against stream length: XADD on an empty stream, then on one first filled with N_BIG entries,
# then on a new empty stream beside it (same process and heap as the big one: separates the log's own cost
# from the cost of a heap that holds N_BIG entries).
flat_suite() { # target port
    local target=$1 port=$2
    redis-cli -p "$port" FLUSHALL >/dev/null
    bench flat "XADD c=$CLIENTS empty stream|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:empty '*' f v
    bench flat "XADD c=$CLIENTS P=16 empty stream|$target" "$port" "$N_FLAT" -c "$CLIENTS" -P 16 XADD bench:emptyp '*' f v
    local started=$SECONDS len
    len=$(fill "$port" bench:big "$N_BIG")
    echo "$target bench:big holds $len entries (filled in $((SECONDS - started)) s)" >&2
    if [ "$len" != "$N_BIG" ]; then echo "WARNING: $target holds $len entries, not $N_BIG" >&2; fi
    bench flat "XADD c=$CLIENTS stream of $N_BIG|$target" "$port" "$N_PLAIN" -c "$CLIENTS" XADD bench:big '*' f v
    bench flat "XADD c=$CLIENTS P=16 stream of $N_BIG|$target" "$port" "$N_FLAT" -c "$CLIENTS" -P 16 XADD bench:big '*' f v
    bench flat "XADD c=$CLIENTS P=16 empty stream beside $N_BIG|$target" "$port" "$N_FLAT" -c "$CLIENTS" -P 16 XADD bench:beside '*' f v
}

used_memory() { # port: INFO memory's used_memory (redis-server: its allocator's count; the gateway: the .NET GC heap)
    redis-cli -p "$1" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }'
}

# Memory per entry on a freshly started process: settled RSS before and after N_MEM small entries (f v).
memory_suite() { # target port pid
    local target=$1 port=$2 pid=$3 before after used_before used_after len
    before=$(settled_rss_kb "$pid")
    used_before=$(used_memory "$port")
    len=$(fill "$port" bench:mem "$N_MEM")
    after=$(settled_rss_kb "$pid" 60)
    used_after=$(used_memory "$port")
    echo "$target|$len|$before|$after|$used_before|$used_after" | tee -a "$MEMROWS" >&2
}

echo "Building the silo (Release)..." >&2
dotnet build "$ROOT/silo/OrleansStreams.Silo.csproj" -c Release -nologo -v quiet >&2
RUN_STARTED=$SECONDS

REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$SCRATCH/redis-ref" --appendonly no
cold_start redis "$REDIS_PORT"
suite redis "$REDIS_PORT"
group_suite redis "$REDIS_PORT"
flat_suite redis "$REDIS_PORT"
stop_pid "$REDIS_PID"

for storage in memory file redis; do
    port=$(free_port)
    backend=""
    backend_pid=""
    if [ "$storage" = redis ]; then
        backend_port=$(free_port)
        start_redis "$backend_port" "$SCRATCH/redis-backend" --appendonly yes --appendfsync always
        backend="127.0.0.1:$backend_port"
        backend_pid=$REDIS_PID
    fi
    start_silo "$storage" "$port" "$backend"
    cold_start "gateway-$storage" "$port"
    suite "gateway-$storage" "$port"
    group_suite "gateway-$storage" "$port"
    flat_suite "gateway-$storage" "$port"
    stop_pid "$SILO_PID"
    if [ -n "$backend_pid" ]; then stop_pid "$backend_pid"; fi
    rm -rf "$SCRATCH/silo-$storage" "$SCRATCH/redis-backend"
done

# Memory per entry: a fresh redis-server and a fresh silo (memory storage keeps every entry in memory, as redis-server does).
port=$(free_port)
start_redis "$port" "$SCRATCH/redis-memory" --appendonly no
memory_suite redis "$port" "$REDIS_PID"
stop_pid "$REDIS_PID"
port=$(free_port)
start_silo memory "$port"
memory_suite gateway-memory "$port" "$SILO_PID"
stop_pid "$SILO_PID"
RUN_MINUTES=$(((SECONDS - RUN_STARTED + 59) / 60))

# The issue-10 targets: kind|what|arguments|goal. rps: ops/s of a line and target over redis-server's;
# flat: ops/s on the big stream over ops/s on a new stream right after it in the same process (adjacent in time
# and on the same heap, so drift on a shared machine and the heap's size cancel out; the empty-stream line before
# the fill shows the heap's effect), per target; mem: RSS growth per entry over
# redis-server's; p99: the worst p99 ratio over the steady-state lines of a target.
targets() {
    local p="XADD c=$CLIENTS P=16" x="XADD c=$CLIENTS" rg="XREADGROUP COUNT 10 c=$CLIENTS P=16" ack="XACK c=$CLIENTS P=16"
    local cold="XADD c=$CLIENTS P=16, first $N_COLD after start" big="XADD c=$CLIENTS P=16 stream of $N_BIG" empty="XADD c=$CLIENTS P=16 empty stream beside $N_BIG"
    cat <<EOF
rps|pipelined XADD, memory storage|$p|gateway-memory|1.0
rps|pipelined XADD, file storage (fsynced group commit)|$p|gateway-file|0.8
rps|unpipelined XADD, memory storage|$x|gateway-memory|0.8
rps|unpipelined XADD, file storage|$x|gateway-file|0.8
rps|unpipelined XADD, redis storage|$x|gateway-redis|0.8
rps|pipelined XREADGROUP COUNT 10, memory storage|$rg|gateway-memory|0.8
rps|pipelined XREADGROUP COUNT 10, file storage|$rg|gateway-file|0.8
rps|pipelined XACK, memory storage|$ack|gateway-memory|0.8
rps|pipelined XACK, file storage|$ack|gateway-file|0.8
rps|XRANGE COUNT 10, memory storage|XRANGE - + COUNT 10|gateway-memory|0.8
rps|XRANGE COUNT 10, file storage|XRANGE - + COUNT 10|gateway-file|0.8
rps|XREAD COUNT 10, memory storage|XREAD COUNT 10 STREAMS key 0|gateway-memory|0.8
rps|XREAD COUNT 10, file storage|XREAD COUNT 10 STREAMS key 0|gateway-file|0.8
rps|first $N_COLD pipelined XADDs after a cold start, memory storage|$cold|gateway-memory|0.5
rps|first $N_COLD pipelined XADDs after a cold start, file storage|$cold|gateway-file|0.5
mem|memory per stream entry (RSS growth, $N_MEM entries f v), memory storage|gateway-memory|2.0
flat|append cost flat: pipelined XADD on a $N_BIG-entry stream / on a new one beside it, redis-server (reference)|$big|$empty|redis|0.9
flat|append cost flat, memory storage|$big|$empty|gateway-memory|0.9
flat|append cost flat, file storage|$big|$empty|gateway-file|0.9
flat|append cost flat, redis storage|$big|$empty|gateway-redis|0.9
p99|p99 latency at the same load (worst steady-state line), memory storage|gateway-memory|2.0
p99|p99 latency at the same load (worst steady-state line), file storage|gateway-file|2.0
p99|p99 latency at the same load (worst steady-state line), redis storage|gateway-redis|2.0
EOF
}

{
    echo "# OrleansStreams gateway vs redis-server"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(redis-server --version | awk '{print $3}'), mode: $([ "$QUICK" = 1 ] && echo quick || echo full), $RUN_MINUTES min"
    echo
    # One line per benchmark and target, with the ratios to redis-server measured in this run.
    echo "| benchmark | target | ops/s | p50 ms | p99 ms | ops/s ratio gateway/redis | p50 ratio | p99 ratio |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    awk -F'|' '
        function ok(x) { return x != "" && x != "n/a" }
        function ratio(a, b, fmt) { return ok(a) && ok(b) && b > 0 ? sprintf(fmt, a / b) : "" }
        { key=$1; tgt=$2; rps[key,tgt]=$3; p50[key,tgt]=$4; p99[key,tgt]=$5; if (!(key in seen)) { seen[key]=1; order[++n]=key } ; targets[key]=targets[key] " " tgt }
        END {
            for (i=1; i<=n; i++) {
                k=order[i]; m=split(targets[k], ts, " ")
                for (j=1; j<=m; j++) {
                    t=ts[j]; own=(t=="redis")
                    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", k, t, rps[k,t], p50[k,t], p99[k,t],
                        own ? "" : ratio(rps[k,t], rps[k,"redis"], "%.2f"), own ? "" : ratio(p50[k,t], p50[k,"redis"], "%.1f"), own ? "" : ratio(p99[k,t], p99[k,"redis"], "%.1f")
                }
            }
        }' "$ROWS"
    echo
    echo "Memory per stream entry: settled RSS (VmRSS) of a freshly started process before and after $N_MEM XADDs of \`f v\`;"
    echo "used_memory is redis-server's allocator count and the gateway's .NET GC heap (GC.GetTotalMemory, uncollected garbage included)."
    echo
    echo "| target | entries | RSS before MB | RSS after MB | RSS growth bytes/entry | used_memory growth bytes/entry | RSS ratio to redis |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    awk -F'|' '
        { t[++n]=$1; len[n]=$2; per[n]=$2 > 0 ? ($4 - $3) * 1024 / $2 : 0; used[n]=$2 > 0 && $5 != "" && $6 != "" ? ($6 - $5) / $2 : 0; mb0[n]=$3 / 1024; mb1[n]=$4 / 1024; if ($1 == "redis") ref=per[n] }
        END {
            for (i=1; i<=n; i++) {
                r=(t[i] != "redis" && ref > 0) ? sprintf("%.2f", per[i] / ref) : ""
                printf "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |\n", t[i], len[i], mb0[i], mb1[i], per[i], used[i], r
            }
        }' "$MEMROWS"
    echo
    echo "## Targets (issue 10)"
    echo
    echo "| target | goal | measured | verdict |"
    echo "|---|---|---:|---|"
    targets | awk -F'|' '
        function ok(x) { return x != "" && x != "n/a" }
        FILENAME == ARGV[1] { rps[$1,$2]=$3; p99[$1,$2]=$5; kind[$1]=$6; if (!($1 in seen)) { seen[$1]=1; keys[++nk]=$1 }; next }
        FILENAME == ARGV[2] { if ($2 > 0) per[$1]=($4 - $3) * 1024 / $2; next }
        {
            v=""; shown=""
            if ($1 == "rps") { a=rps[$3,$4]; b=rps[$3,"redis"]; thr=$5; up=1; if (ok(a) && ok(b) && b > 0) v=a / b }
            else if ($1 == "flat") { a=rps[$3,$5]; b=rps[$4,$5]; thr=$6; up=1; if (ok(a) && ok(b) && b > 0) v=a / b }
            else if ($1 == "mem") { thr=$4; up=0; if (per[$3] != "" && per["redis"] > 0) v=per[$3] / per["redis"] }
            else if ($1 == "p99") {
                thr=$4; up=0; worst=""
                for (i=1; i<=nk; i++) {
                    k=keys[i]
                    if (kind[k] == "steady" && ok(p99[k,$3]) && ok(p99[k,"redis"]) && p99[k,"redis"] > 0 && (worst == "" || p99[k,$3] / p99[k,"redis"] > worst)) { worst=p99[k,$3] / p99[k,"redis"]; at=k }
                }
                if (worst != "") { v=worst; shown=sprintf("%.1f (%s)", worst, at) }
            }
            if (v == "") { shown="n/a"; verdict="n/a" } else { if (shown == "") shown=sprintf("%.2f", v); verdict=(up ? v >= thr : v <= thr) ? "met" : "not met" }
            printf "| %s | %s %s | %s | %s |\n", $2, up ? "≥" : "≤", thr, shown, verdict
        }' "$ROWS" "$MEMROWS" -
    echo
    echo "Requests: XADD $N_PLAIN, pipelined XADD $N_PIPE, reads $N_READ, group reads $N_GROUP, XACK $((N_GROUP * 10)), cold start $N_COLD,"
    echo "append-cost lines $N_PLAIN (unpipelined) and $N_FLAT (pipelined) on a stream of $N_BIG entries; memory $N_MEM entries; $CLIENTS clients."
    echo "Gateway redis storage uses a redis-server with appendonly yes, appendfsync always."
} >"$RESULTS/latest.md"

cat "$RESULTS/latest.md"
