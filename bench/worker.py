"""The hand-written worker users run today: XREADGROUP COUNT 1000 from redis-server, a dict of
per-key tumbling-window counts, XACK. Prints events/s for the pipeline benchmark's ratio."""
import sys
import time

import redis

port, stream, total = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
r = redis.Redis(port=port)
r.xgroup_create(stream, "worker", "0")
counts = {}
done = 0
start = time.monotonic()
while done < total:
    reply = r.xreadgroup("worker", "w1", {stream: ">"}, count=1000)
    if not reply:
        break
    ids = []
    for entry_id, fields in reply[0][1]:
        key = (fields[b"user"], int(entry_id.split(b"-")[0]) // 1000)
        counts[key] = counts.get(key, 0) + 1
        ids.append(entry_id)
    r.xack(stream, "worker", *ids)
    done += len(ids)
elapsed = time.monotonic() - start
print(f"{done} {elapsed:.3f}")
