#!/usr/bin/env bash
# Fraud detection: the amount each user spent in any hour (sliding one-hour windows, every minute);
# an alert for every window over 10000.
# Usage: fraud.sh [port]   (the RESP port of a running node, 6380 by default)
set -euo pipefail
PORT=${1:-6380}
source "$(dirname "$0")/lib.sh"

DEFINITION=$(cat <<'JSON'
{"source":{"stream":"sample:payments","eventTime":"ts"},
 "watermark":{"type":"bounded","maxOutOfOrderMs":10000},
 "steps":[{"keyBy":"user"},
          {"window":{"type":"sliding","sizeMs":3600000,"slideMs":60000}},
          {"aggregate":[{"op":"sum","field":"amount","as":"total"},{"op":"count","as":"payments"}]},
          {"filter":"total > 10000"}],
 "sink":{"stream":"sample:alerts"}}
JSON
)
create_pipeline sample-fraud "$DEFINITION" sample:payments sample:alerts

# 1700000040000 is 2023-11-14 22:14:00 UTC, the start of a minute.
add_event sample:payments 1700000040000 user ann amount 6000
add_event sample:payments 1700000640000 user bob amount 300    # +10 min
add_event sample:payments 1700003580000 user ann amount 5000   # +59 min: ann spent 11000 within [22:14, 23:14)
add_event sample:payments 1700003700000 user bob amount 200    # +61 min: the watermark passes 23:14

wait_for_entries sample:alerts 1
print_results sample:alerts 5
print_counters sample-fraud
