#!/usr/bin/env bash
# BenchmarkDotNet benchmarks of Core's and the gateway's hot paths (bench/OrleansStreams.Benchmarks), with
# allocations per operation, in BenchmarkDotNet's short job (3 warm-up and 3 measured iterations, in process)
# so the whole set finishes in a few minutes.
# Usage: bench/benchmarkdotnet.sh [filter]     Writes bench/results/benchmarkdotnet.md (default filter: every benchmark).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
PROJECT="$ROOT/bench/OrleansStreams.Benchmarks"
ARTIFACTS="$(mktemp -d "${TMPDIR:-/tmp}/orleansstreams-bdn.XXXXXX")"
trap 'rm -rf "$ARTIFACTS"' EXIT
mkdir -p "$RESULTS"

echo "Building the benchmarks (Release)..." >&2
dotnet build "$PROJECT" -c Release -nologo -v quiet >&2
started=$SECONDS
# In process: the benchmarks' own Release build runs them (server GC, as the silo), no generated project to build.
(cd "$PROJECT" && dotnet "bin/Release/net10.0/OrleansStreams.Benchmarks.dll" --filter "${1:-*}" --job short --inProcess \
    --memory --exporters github --artifacts "$ARTIFACTS") >&2

{
    echo "# BenchmarkDotNet: Core's and the gateway's hot paths"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), short job in process, $(((SECONDS - started + 59) / 60)) min."
    echo "Short job: 3 measured iterations, so Error columns are wide; compare allocations exactly, times only roughly."
    for report in "$ARTIFACTS"/results/*-report-github.md; do
        echo
        echo "## $(basename "$report" -report-github.md | sed 's/^OrleansStreams\.Benchmarks\.//')"
        echo
        cat "$report"
    done
} >"$RESULTS/benchmarkdotnet.md"

cat "$RESULTS/benchmarkdotnet.md"
