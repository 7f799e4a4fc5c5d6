#!/usr/bin/env bash
# Three silos on this machine forming one cluster through a local redis-server (redis clustering and
# redis storage). RESP gateways on 6380, 6381, 6382. Ctrl+C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REDIS_PORT=${REDIS_PORT:-6379}
dotnet build "$ROOT/silo" -c Release -nologo -v quiet
redis-cli -p "$REDIS_PORT" PING >/dev/null 2>&1 || redis-server --port "$REDIS_PORT" --appendonly yes --daemonize yes --dir "${TMPDIR:-/tmp}"
PIDS=()
trap 'kill -TERM "${PIDS[@]}" 2>/dev/null; wait' EXIT INT TERM
for i in 0 1 2; do
    dotnet "$ROOT/silo/bin/Release/net10.0/OrleansStreams.Silo.dll" --clustering redis --storage redis \
        --redis "127.0.0.1:$REDIS_PORT" --resp-port $((6380 + i)) --silo-port $((11111 + i)) --gateway-port $((30000 + i)) &
    PIDS+=($!)
done
wait
