# shellcheck shell=bash
# Shared by the benchmarks: process bookkeeping, free ports, readiness, redis-server and silo start/stop.
# The caller sets ROOT, SCRATCH and SILO_DIR, and sources this file.

PIDS=()
cleanup() {
    for pid in "${PIDS[@]:-}"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    for pid in "${PIDS[@]:-}"; do
        if [ -n "$pid" ]; then wait "$pid" 2>/dev/null || true; fi
    done
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Ready = answers PING; polled with a deadline.
wait_ready() {
    local port=$1 pid=$2 deadline=$((SECONDS + 90))
    until [ "$(redis-cli -p "$port" PING 2>/dev/null || true)" = "PONG" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "process $pid died before answering PING on $port" >&2; return 1; fi
        if [ $SECONDS -ge $deadline ]; then echo "no PONG on $port within 90 s" >&2; return 1; fi
        sleep 0.2
    done
}

start_redis() { # port dir [extra args...]; sets REDIS_PID
    local port=$1 dir=$2; shift 2
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" "$@" >"$dir/redis.log" 2>&1 &
    REDIS_PID=$!
    PIDS+=("$REDIS_PID")
    wait_ready "$port" "$REDIS_PID"
}

start_silo() { # storage port [redis endpoint]; sets SILO_PID and GATEWAY_PORT
    local storage=$1 port=$2 redis=${3:-127.0.0.1:6379}
    local data="$SCRATCH/silo-$storage"
    mkdir -p "$data"
    local silo_port; silo_port=$(free_port)
    GATEWAY_PORT=$(free_port) # the Orleans gateway port, for SDK clients
    # shellcheck disable=SC2153 # SILO_DIR is set by the caller
    (cd "$SILO_DIR" && exec dotnet OrleansStreams.Silo.dll --storage "$storage" --data "$data" --redis "$redis" \
        --clustering localhost --resp-port "$port" --silo-port "$silo_port" --gateway-port "$GATEWAY_PORT" \
        --primary-silo-port "$silo_port" --bind 127.0.0.1) >"$SCRATCH/silo-$storage.log" 2>&1 &
    SILO_PID=$!
    PIDS+=("$SILO_PID")
    wait_ready "$port" "$SILO_PID"
}

stop_pid() {
    local pid=$1 deadline=$((SECONDS + 20))
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}


rss_kb() { # pid: resident set size in kB (VmRSS), as a user sees it in top
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# VmRSS once it stops changing: polled every 0.5 s until four readings in a row move by 1 MB or less
# (or the deadline passes, noted on stderr), so GC and allocator settling after a load is included.
settled_rss_kb() { # pid [deadline seconds]
    local pid=$1 deadline=$((SECONDS + ${2:-30})) prev cur stable=0
    prev=$(rss_kb "$pid")
    while [ "$stable" -lt 4 ]; do
        if [ $SECONDS -ge $deadline ]; then echo "RSS of $pid still moving at the deadline: $prev kB" >&2; break; fi
        sleep 0.5
        cur=$(rss_kb "$pid")
        if [ $((cur > prev ? cur - prev : prev - cur)) -le 1024 ]; then stable=$((stable + 1)); else stable=0; fi
        prev=$cur
    done
    echo "$prev"
}
