#!/usr/bin/env bash
# Session aggregation: per session id, the pages seen, the number of events and the duration of each
# session; 30 minutes without an event closes a session.
# Usage: sessions.sh [port]   (the RESP port of a running node, 6380 by default)
set -euo pipefail
PORT=${1:-6380}
source "$(dirname "$0")/lib.sh"

DEFINITION=$(cat <<'JSON'
{"source":{"stream":"sample:activity","eventTime":"ts"},
 "watermark":{"type":"bounded","maxOutOfOrderMs":60000},
 "steps":[{"keyBy":"session"},
          {"window":{"type":"session","gapMs":1800000}},
          {"aggregate":[{"op":"collect","field":"page","as":"pages"},{"op":"count","as":"events"},
                        {"op":"duration","as":"duration_ms"}]}],
 "sink":{"stream":"sample:sessions"}}
JSON
)
create_pipeline sample-sessions "$DEFINITION" sample:activity sample:sessions

# 1700000040000 is 2023-11-14 22:14:00 UTC.
add_event sample:activity 1700000040000 session s1 page home
add_event sample:activity 1700000160000 session s2 page home     # +2 min
add_event sample:activity 1700000340000 session s1 page cart     # +5 min
add_event sample:activity 1700000760000 session s1 page pay      # +12 min
add_event sample:activity 1700003040000 session s1 page home     # +50 min: 38 min after pay, a new session
add_event sample:activity 1700007240000 session s3 page home     # +2 h: the watermark closes all of the above

wait_for_entries sample:sessions 3
print_results sample:sessions 6
print_counters sample-sessions
