"""A redis-py session as application code writes it; prints one JSON document of everything it saw.

Run against redis-server and against the gateway: the two outputs must be identical.
Usage: python3 redis_py_session.py PORT
"""
import json
import sys
import threading

import redis

port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, db=6, decode_responses=True)
out = {}
r.flushdb()
out["ping"] = r.ping()
out["xadd"] = [r.xadd("orders", {"item": f"i{i}", "qty": str(i)}, id=f"{i}-0") for i in range(1, 6)]
out["xadd_maxlen"] = r.xadd("orders", {"item": "last"}, id="6-0", maxlen=5, approximate=False)
out["xlen"] = r.xlen("orders")
out["xrange"] = r.xrange("orders", "-", "+", count=3)
out["xrevrange"] = r.xrevrange("orders", "+", "-", count=2)
out["xread"] = r.xread({"orders": "3-0"}, count=2)
out["xdel"] = r.xdel("orders", "4-0")
out["xtrim"] = r.xtrim("orders", minid="3-0")
info = r.xinfo_stream("orders")
out["xinfo"] = {k: info[k] for k in ("length", "last-generated-id", "first-entry", "last-entry", "entries-added", "max-deleted-entry-id")}

pipe = r.pipeline(transaction=False)
for i in range(100):
    pipe.xadd("piped", {"n": str(i)}, id=f"{i + 1}-1")
out["pipeline"] = pipe.execute()[-3:]
tx = r.pipeline(transaction=True)
tx.set("counter", 10).incrby("counter", 5).xadd("tx", {"a": "b"}, id="1-0").xlen("tx")
out["multi_exec"] = tx.execute()
r.hset("user:1", mapping={"name": "ada", "lang": "c#"})
out["hgetall"] = r.hgetall("user:1")
out["type"] = [r.type(k) for k in ("orders", "counter", "user:1", "missing")]
try:
    r.xadd("counter", {"f": "v"})
except redis.ResponseError as e:
    out["wrongtype"] = str(e)

writer = redis.Redis(host="127.0.0.1", port=port, db=6, decode_responses=True)
timer = threading.Timer(0.3, lambda: writer.xadd("blocking", {"woke": "yes"}, id="7-0"))
timer.start()
out["xread_block"] = r.xread({"blocking": "$"}, block=10000)
timer.join()
out["xread_block_timeout"] = r.xread({"blocking": "$"}, block=100)

print(json.dumps(out, sort_keys=True))
