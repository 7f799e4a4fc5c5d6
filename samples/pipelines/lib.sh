# Shared by the pipeline samples: talk to the node with redis-cli and fail loudly.
# redis-cli exits 0 on error replies, so every reply is checked here.

PORT=${PORT:-6380}
DEADLINE_SECONDS=${DEADLINE_SECONDS:-30}

cli() { redis-cli -p "$PORT" "$@"; }

fail() {
  echo "error: $*" >&2
  exit 1
}

# Runs a command that must answer OK.
expect_ok() {
  local reply
  reply=$(cli "$@") || fail "redis-cli $1 could not reach 127.0.0.1:$PORT"
  [[ $reply == OK ]] || fail "$1 $2: $reply"
}

# Creates pipeline $1 from the JSON in $2, after removing what an earlier run of the sample left behind
# (the pipeline and the keys given after the JSON).
create_pipeline() {
  local name=$1 json=$2
  shift 2
  cli PIPELINE.DROP "$name" >/dev/null || fail "cannot reach 127.0.0.1:$PORT"
  cli DEL "$@" >/dev/null
  expect_ok PIPELINE.CREATE "$name" "$json"
}

# XADD stream * ts <ts> field value ...: one event with an explicit event time.
add_event() {
  local stream=$1 ts=$2 reply
  shift 2
  reply=$(cli XADD "$stream" '*' ts "$ts" "$@")
  [[ $reply =~ ^[0-9]+-[0-9]+$ ]] || fail "XADD $stream: $reply"
}

# Waits until stream $1 holds at least $2 entries, or fails after DEADLINE_SECONDS.
wait_for_entries() {
  local stream=$1 want=$2 have=0
  local deadline=$((SECONDS + DEADLINE_SECONDS))
  while ((SECONDS < deadline)); do
    have=$(cli XLEN "$stream")
    [[ $have =~ ^[0-9]+$ ]] || fail "XLEN $stream: $have"
    ((have >= want)) && return 0
    sleep 0.2
  done
  fail "$stream has $have of $want results after ${DEADLINE_SECONDS}s"
}

# Prints each entry of stream $1 (results with $2 fields) as one line of name=value pairs, sorted:
# key groups write their results independently, so the order of entries in the sink is not fixed.
print_results() {
  local stream=$1 fields=$2
  cli XRANGE "$stream" - + | awk -v n=$((1 + 2 * fields)) '
    { i = (NR - 1) % n }
    i == 0 { line = "" }
    i > 0 && i % 2 == 1 { name = $0 }
    i > 0 && i % 2 == 0 { line = line (line == "" ? "" : " ") name "=" $0 }
    i == n - 1 { print line }' | sort -u
}

# Prints the pipeline's counters from PIPELINE.INFO on one line (each counter's value is the line after its name).
print_counters() {
  cli PIPELINE.INFO "$1" | awk '
    previous ~ /^events_(received|processed|emitted|failed|late_dropped)$/ { out = out " " substr(previous, 8) "=" $0 }
    { previous = $0 }
    END { print "counters:" out }'
}
