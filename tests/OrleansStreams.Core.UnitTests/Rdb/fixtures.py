"""Builds the keys whose DUMP payloads RedisDumps.cs holds. Start redis-server 7.0.15 with --port 16999, then: python3 fixtures.py"""
import socket, random
def enc(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        if isinstance(a, str): a = a.encode()
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    return out
s = socket.create_connection(('127.0.0.1', 16999)); f = s.makefile('rb')
def read():
    line = f.readline()
    t = line[:1]
    if t == b'$':
        n = int(line[1:-2])
        if n < 0: return None
        d = f.read(n+2); return d[:-2]
    if t == b'*':
        return [read() for _ in range(int(line[1:-2]))]
    return line[:-2]
def cmd(*a):
    s.sendall(enc(*a)); return read()
cmd('FLUSHALL')
random.seed(7)
cmd('SET','str:text','hello world, hello world, hello world, hello world!')
cmd('SET','str:neg','-123456')
cmd('SET','str:big','12345678901234')
cmd('SET','str:bin', bytes(range(256)))
cmd('RPUSH','list', *[('item%d' % i) for i in range(30)], '7', '-100000', 'x'*70)
cmd('RPUSH','list:big', *[('element-number-%05d' % i)*3 for i in range(300)])
cmd('SADD','set:int', '1','2','300','-70000')
cmd('SADD','set:big', '1','5000000000')
cmd('HSET','hash', 'name','redis','version','7','neg','-5', 'long', 'y'*40)
cmd('HSET','hash:big', 'f','z'*100)
for i in range(1,151):
    cmd('XADD','stream','%d-%d' % (1000+i//3, i%3), 'name','n%d' % i, 'value', str(i*7))
cmd('XADD','stream','2000-0','other','field')
cmd('XDEL','stream','1001-0','1001-2')
cmd('XTRIM','stream','MINID','1004-0')
cmd('XGROUP','CREATE','stream','g1','0')
cmd('XGROUP','CREATE','stream','g2','$')
cmd('XREADGROUP','GROUP','g1','alice','COUNT','3','STREAMS','stream','>')
cmd('XREADGROUP','GROUP','g1','bob','COUNT','2','STREAMS','stream','>')
cmd('XGROUP','CREATECONSUMER','stream','g2','carol')
for k in ['str:text','str:neg','str:big','str:bin','list','list:big','set:int','set:big','hash','hash:big','stream']:
    print(k, cmd('DUMP', k).hex())
