#!/usr/bin/env python3
"""Regenerates src/OrleansStreams.Resp/Commands/RespCommandsInfo.json from a live redis-server 7.0.15.

Usage: start redis-server on /tmp/oracle.sock, then: python3 generate-commands-info.py OUT.json
NAMES lists exactly the commands the gateway has handlers for (CommandRegistryTests checks the JSON)."""
import socket
def enc(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        if isinstance(a, str): a = a.encode()
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    return out
class Conn:
    def __init__(self, path='/tmp/oracle.sock'):
        self.s = socket.socket(socket.AF_UNIX); self.s.connect(path); self.buf = b''
    def raw(self, *args):
        """send, return raw bytes of one reply"""
        self.s.sendall(enc(*args))
        while True:
            try:
                v, n = parse(self.buf, 0)
                r = self.buf[:n]; self.buf = self.buf[n:]; return r, v
            except IndexError:
                self.buf += self.s.recv(1 << 20)
def line(b, i):
    j = b.index(b'\r\n', i)
    return b[i:j], j + 2
def parse(b, i):
    if i >= len(b): raise IndexError
    t = b[i:i+1]
    try:
        l, j = line(b, i + 1)
    except ValueError:
        raise IndexError
    if t == b'+': return ('simple', l.decode()), j
    if t == b'-': return ('error', l.decode()), j
    if t == b':': return ('int', int(l)), j
    if t == b'_': return ('null', None), j
    if t == b',': return ('double', l.decode()), j
    if t in (b'$', b'='):
        n = int(l)
        if n < 0: return ('null', None), j
        if len(b) < j + n + 2: raise IndexError
        return (('bulk' if t == b'$' else 'verbatim'), b[j:j+n].decode()), j + n + 2
    if t in (b'*', b'~', b'>', b'%'):
        n = int(l)
        if n < 0: return ('null', None), j
        cnt = n * 2 if t == b'%' else n
        items = []
        for _ in range(cnt):
            v, j = parse(b, j); items.append(v)
        kind = {b'*':'array', b'~':'set', b'>':'push', b'%':'map'}[t]
        return (kind, items), j
    raise ValueError(b[i:i+20])
import json, sys
NAMES = """XADD XRANGE XREVRANGE XLEN XDEL XTRIM XSETID XINFO XREAD DEL UNLINK EXISTS TYPE KEYS SCAN DBSIZE RENAME RENAMENX SWAPDB FLUSHDB FLUSHALL SELECT EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL PERSIST GET SET INCR INCRBY DECR DECRBY MGET MSET APPEND STRLEN SETNX SETEX HSET HSETNX HGET HMGET HMSET HGETALL HDEL HLEN HKEYS HVALS HEXISTS HINCRBY HSCAN LPUSH RPUSH LPOP RPOP LRANGE LLEN SADD SREM SMEMBERS SCARD SISMEMBER MULTI EXEC DISCARD WATCH UNWATCH PING ECHO HELLO AUTH CLIENT QUIT RESET COMMAND INFO CONFIG FUNCTION TIME DEBUG SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB CLUSTER READONLY READWRITE GETSET GETDEL GETEX INCRBYFLOAT MSETNX GETRANGE SETRANGE HINCRBYFLOAT HSTRLEN HRANDFIELD LINDEX LSET LREM LINSERT LTRIM LPOS LPUSHX RPUSHX LMOVE RPOPLPUSH SMISMEMBER SINTER SUNION SDIFF SINTERCARD SINTERSTORE SUNIONSTORE SDIFFSTORE SMOVE SPOP SRANDMEMBER EXPIRETIME PEXPIRETIME COPY RANDOMKEY TOUCH XGROUP XREADGROUP XACK XPENDING XCLAIM XAUTOCLAIM DUMP RESTORE""".lower().split()

def plain(v):
    t, x = v
    if t == 'map': return {plain(x[i]): plain(x[i+1]) for i in range(0, len(x), 2)}
    if t in ('set', 'array'): return [plain(i) for i in x]
    if t in ('bulk', 'simple', 'int'): return x
    raise ValueError(v)

def entry(info, docs):
    _, f = info
    e = {
        'name': f[0][1], 'arity': f[1][1],
        'flags': [x[1] for x in f[2][1]],
        'firstKey': f[3][1], 'lastKey': f[4][1], 'step': f[5][1],
        'aclCategories': [x[1] for x in f[6][1]],
        'tips': [x[1] for x in f[7][1]],
        'keySpecs': [plain(k) for k in f[8][1]],
    }
    d = plain(docs)
    subdocs = d.pop('subcommands', {})
    e['docs'] = d
    subs = [entry(s, docmap(docs, s[1][0][1])) for s in f[9][1]]
    if subs: e['subcommands'] = subs
    return e

def docmap(docs, name):
    _, x = docs
    for i in range(0, len(x), 2):
        if x[i][1] == 'subcommands':
            m = x[i+1][1]
            for j in range(0, len(m), 2):
                if m[j][1] == name: return m[j+1]
    raise KeyError(name)

def fetch(conn, name):
    _, info = conn.raw('COMMAND', 'INFO', name)
    _, docs = conn.raw('COMMAND', 'DOCS', name)
    assert info[1][0][0] != 'null', name
    dm = docs[1]
    assert dm[0][1] == name
    return entry(info[1][0], dm[1])

main = Conn('/tmp/oracle.sock'); main.raw('HELLO', '3')
cmds = [fetch(main, n) for n in NAMES]
json.dump({'redisVersion': '7.0.15', 'commands': cmds}, open(sys.argv[1], 'w'), indent=1)
print(len(cmds), sum(len(c.get('subcommands', [])) for c in cmds))
