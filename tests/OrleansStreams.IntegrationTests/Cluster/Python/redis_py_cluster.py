"""redis-py's RedisCluster against the nodes given as host:port arguments: writes and reads streams on many keys."""
import sys

from redis.cluster import ClusterNode, RedisCluster

nodes = [ClusterNode(h, int(p)) for h, p in (a.split(":") for a in sys.argv[1:])]
rc = RedisCluster(startup_nodes=nodes, decode_responses=True)
keys = [f"py-cluster-{i}" for i in range(60)]
for i, key in enumerate(keys):
    rc.xadd(key, {"n": str(i)})
for i, key in enumerate(keys):
    entries = rc.xrange(key)
    assert len(entries) == 1 and entries[0][1] == {"n": str(i)}, (key, entries)
    assert rc.keyslot(key) == int(rc.cluster_keyslot(key)), key
owners = {rc.get_node_from_key(k).name for k in keys}
print(len(rc.get_nodes()), len(owners))
