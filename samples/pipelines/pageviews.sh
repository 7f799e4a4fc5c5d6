#!/usr/bin/env bash
# Page views per minute: keep the views, key them by page, count them in tumbling one-minute windows.
# Usage: pageviews.sh [port]   (the RESP port of a running node, 6380 by default)
set -euo pipefail
PORT=${1:-6380}
source "$(dirname "$0")/lib.sh"

DEFINITION=$(cat <<'JSON'
{"source":{"stream":"sample:clicks","eventTime":"ts"},
 "watermark":{"type":"bounded","maxOutOfOrderMs":5000},
 "steps":[{"filter":"type == 'view'"},{"keyBy":"page"},
          {"window":{"type":"tumbling","sizeMs":60000}},
          {"aggregate":[{"op":"count","as":"views"}]}],
 "sink":{"stream":"sample:pageviews"}}
JSON
)
create_pipeline sample-pageviews "$DEFINITION" sample:clicks sample:pageviews

# 1700000040000 is 2023-11-14 22:14:00 UTC, the start of a minute.
add_event sample:clicks 1700000040000 type view page /home
add_event sample:clicks 1700000052000 type view page /cart
add_event sample:clicks 1700000058000 type click page /home   # not a view: filtered out
add_event sample:clicks 1700000061000 type view page /home
add_event sample:clicks 1700000103000 type view page /home    # next minute
add_event sample:clicks 1700000099000 type view page /home    # out of order, within the 5 s bound
add_event sample:clicks 1700000106000 type view page /cart    # watermark 1700000101000: the first minute fires

wait_for_entries sample:pageviews 2
print_results sample:pageviews 4
print_counters sample-pageviews
