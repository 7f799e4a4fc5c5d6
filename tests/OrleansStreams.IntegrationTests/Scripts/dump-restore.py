"""Writes dump-restore.redis; its RESTORE payloads come from redis-server 7.0.15 on port 16999 (start one first)."""
import os, struct
import socket
def enc(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        if isinstance(a, str): a = a.encode()
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    return out
class C:
    def __init__(s, port):
        s.s = socket.create_connection(('127.0.0.1', port)); s.f = s.s.makefile('rb')
    def read(s):
        line = s.f.readline(); t = line[:1]
        if t == b'$':
            n = int(line[1:-2])
            if n < 0: return None
            d = s.f.read(n+2); return d[:-2]
        if t == b'*':
            n = int(line[1:-2])
            return None if n < 0 else [s.read() for _ in range(n)]
        if t == b'-': return ('ERR', line[1:-2])
        return line[:-2]
    def __call__(s, *a):
        s.s.sendall(enc(*a)); return s.read()

r = C(16999)
def esc(b):
    out = ''
    for x in b:
        c = chr(x)
        if 0x20 <= x <= 0x7e and c not in '"\\':
            out += c
        else:
            out += '\\x%02x' % x
    return '"' + out + '"'
def crc64(data):
    poly = 0x95ac9329ac4bc9b5; crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ poly if crc & 1 else crc >> 1
    return crc
def reframe(body, version=10):
    b = body + struct.pack('<H', version)
    return b + struct.pack('<Q', crc64(b))
L = []
def line(s): L.append(s)
line('# DUMP and RESTORE. DUMP replies are compared byte for byte, so the states here are deterministic: no delivery')
line('# or seen times, and no deleted entries kept inside a node (this server keeps only their IDs; see decision 0017).')
line('# The RESTORE payloads were made by redis-server 7.0.15 (tests/OrleansStreams.IntegrationTests/Scripts/dump-restore.py).')
line('DUMP nosuchkey')
line('SET str hello')
line('DUMP str')
line('SET num 12345')
line('DUMP num')
line('SET big 9999999999999')
line('DUMP big')
line('SET neg -2147483648')
line('DUMP neg')
line('SET long ' + esc(b'abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc-tail-tail-tail'))
line('DUMP long')
line('SET random ' + esc(bytes((i * 37 + 11) % 256 for i in range(60))))
line('DUMP random')
line('HSET h name redis version 7 neg -5 float 1.5 empty ""')
line('DUMP h')
line('HSET hbig f ' + 'x' * 70)
line('DUMP hbig')
line('RPUSH l a b c 1 2 -300 70000 ' + 'y' * 80)
line('DUMP l')
line('RPUSH lbig ' + ' '.join('element-%04d-padding-padding' % i for i in range(400)))
line('DUMP lbig')
line('SADD si 3 1 2 100000 -5')
line('DUMP si')
line('SADD si64 1 5000000000')
line('DUMP si64')
line('# A stream of three nodes (100 entries a node); some entries with other fields than their node\'s first')
for i in range(1, 231):
    if i % 17 == 0:
        line('XADD s %d-%d sensor t%d other %d' % (i, i % 3, i % 5, i))
    else:
        line('XADD s %d-%d sensor t%d temp %d' % (i, i % 3, i % 5, 20 + i % 9))
line('DUMP s')
line('# Deleting every entry of the second node removes the node')
line('XDEL s ' + ' '.join('%d-%d' % (i, i % 3) for i in range(101, 201)))
line('DUMP s')
line('XTRIM s MAXLEN ~ 20')
line('DUMP s')
line('XSETID s 999-7 ENTRIESADDED 700 MAXDELETEDID 200-2')
line('XGROUP CREATE s g1 0')
line('XGROUP CREATE s g2 $')
line('XGROUP CREATE s g0 210-0 ENTRIESREAD 5')
line('XGROUP SETID s g1 205-1 ENTRIESREAD 3')
line('DUMP s')
line('XGROUP CREATE empty g $ MKSTREAM')
line('DUMP empty')
line('XADD one 5-5 only field')
line('DUMP one')
# payloads from redis
r('FLUSHALL')
r('SET', 'x', 'hello world')
pstr = r('DUMP', 'x')
r('HSET', 'hh', 'a', '1', 'b', 'two')
phash = r('DUMP', 'hh')
for i in range(1, 8):
    r('XADD', 'st', '%d-0' % i, 'k', 'v%d' % i)
r('XGROUP', 'CREATE', 'st', 'grp', '0')
r('XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '3', 'STREAMS', 'st', '>')
r('XREADGROUP', 'GROUP', 'grp', 'bob', 'COUNT', '2', 'STREAMS', 'st', '>')
r('XCLAIM', 'st', 'grp', 'bob', '0', '2-0')
r('XACK', 'st', 'grp', '3-0')
r('XGROUP', 'CREATECONSUMER', 'st', 'grp', 'carol')
pstream = r('DUMP', 'st')
line('# RESTORE of a string, then the key checks: BUSYKEY comes before the TTL and payload checks')
line('RESTORE r1 0 ' + esc(pstr))
line('GET r1')
line('RESTORE r1 0 ' + esc(pstr))
line('RESTORE r1 -1 ' + esc(pstr))
line('RESTORE r1 abc garbage')
line('RESTORE r1 0 ' + esc(phash) + ' REPLACE')
line('HGETALL r1')
line('RESTORE r1 -1 ' + esc(pstr) + ' REPLACE')
line('RESTORE r1 abc ' + esc(pstr) + ' REPLACE')
line('RESTORE fresh -1 ' + esc(pstr))
line('RESTORE fresh 0 ' + esc(pstr) + ' IDLETIME 10 REPLACE ABSTTL')
line('RESTORE fresh2 0 ' + esc(pstr) + ' FREQ 100')
line('DUMP fresh2')
line('# Options')
line('RESTORE r2 0 ' + esc(pstr) + ' IDLETIME -1')
line('RESTORE r2 0 ' + esc(pstr) + ' IDLETIME x')
line('RESTORE r2 0 ' + esc(pstr) + ' IDLETIME')
line('RESTORE r2 0 ' + esc(pstr) + ' FREQ 256')
line('RESTORE r2 0 ' + esc(pstr) + ' FREQ -1')
line('RESTORE r2 0 ' + esc(pstr) + ' FREQ 1 IDLETIME 1')
line('RESTORE r2 0 ' + esc(pstr) + ' IDLETIME 1 FREQ 1')
line('RESTORE r2 0 ' + esc(pstr) + ' REPLACE BOGUS')
line('EXISTS r2')
line('# Payloads: a changed byte, a newer RDB version (7.2 writes 11) with a right checksum, a short one, an unreadable object')
bad = bytearray(pstr); bad[3] ^= 1
line('RESTORE r2 0 ' + esc(bytes(bad)))
line('RESTORE r2 0 ' + esc(reframe(pstr[:-10], 11)))
line('RESTORE r2 0 ' + esc(reframe(pstr[:-10], 9)))
line('RESTORE r3 0 short')
line('RESTORE r2 0 ""')
line('RESTORE r2 0 ' + esc(reframe(pstr[:4])))
line('RESTORE r2 0 ' + esc(reframe(b'\x1e\x01a')))
line('RESTORE r2 0 ' + esc(reframe(b'\x02\x00')))
line('EXISTS r2 r3')
line('# TTLs: relative, absolute in the past (nothing restored; REPLACE still deletes the old key)')
line('RESTORE t1 100000 ' + esc(pstr))
line('TTL t1')
line('RESTORE t2 1 ' + esc(pstr) + ' ABSTTL')
line('EXISTS t2')
line('RESTORE r1 1 ' + esc(pstr) + ' ABSTTL REPLACE')
line('EXISTS r1')
line('RESTORE t3 4102444800000 ' + esc(pstr) + ' ABSTTL')
line('PEXPIRETIME t3')
line('# A stream with groups, pending entries and consumers: its times come from the payload, so its DUMP is exact too')
line('RESTORE st 0 ' + esc(pstream))
line('XRANGE st - +')
line('XINFO GROUPS st')
line('XPENDING st grp')
line('DUMP st')
line('SET other x')
line('RESTORE other 0 ' + esc(pstream))
line('RESTORE other 0 ' + esc(pstream) + ' REPLACE')
line('TYPE other')
line('XLEN other')
line('RESTORE st 0 ' + esc(pstr) + ' REPLACE')
line('TYPE st')
line('XINFO GROUPS st')
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dump-restore.redis'), 'w').write('\n'.join(L) + '\n')
print(len(L))
