namespace OrleansStreams.Rdb;

/// <summary>
/// LZF as Redis builds it (src/lzf_c.c, src/lzf_d.c with lzfP.h's defaults: HLOG 16, VERY_FAST, no ULTRA_FAST,
/// CHECK_INPUT). The compressor is ported statement by statement, the hash, the match search (its unrolled
/// first 16 steps included) and every output-limit check, so the same input and limit give Redis' bytes. Redis
/// 7.0.15's copy has no <c>ip + 4 &lt; in_end</c> test in the match condition (later versions added one): a match may
/// start four bytes before the end, and payloads captured from redis-server 7.0.15 show it does.
/// </summary>
/// <remarks>
/// Redis leaves the hash table uninitialised (INIT_HTAB 0): a slot never written in the current call holds a
/// stale pointer, which Redis uses only if it happens to point into the current input before the cursor at three
/// equal bytes. Here such a slot is empty (0, which is never a valid reference since Redis requires ref &gt; in_data).
/// </remarks>
public static class Lzf
{
    private const int HLog = 16;
    private const int HSize = 1 << HLog;
    private const int MaxLit = 1 << 5;
    private const int MaxOff = 1 << 13;
    private const int MaxRef = (1 << 8) + (1 << 3);

    /// <summary>
    /// lzf_compress: compresses <paramref name="input"/> into at most <paramref name="outLength"/> bytes; returns the
    /// compressed bytes, or null when they would not fit (Redis' return value 0).
    /// </summary>
    public static byte[]? Compress(ReadOnlySpan<byte> input, int outLength)
    {
        if (input.Length == 0 || outLength <= 0)
        {
            return null;
        }
        // Redis' output buffer is outLength + 1 bytes; a run header may sit one past the limit before a check fails.
        var output = new byte[outLength + 2];
        var length = Compress(input, output, outLength);
        return length == 0 ? null : output.AsSpan(0, length).ToArray();
    }

    private static int Compress(ReadOnlySpan<byte> input, byte[] output, int outEnd)
    {
        var htab = new int[HSize];
        var inEnd = input.Length;
        int ip = 0, op = 0, lit = 0;
        op++; // start run
        var hval = input.Length >= 2 ? First(input, ip) : 0u;
        while (ip < inEnd - 2)
        {
            hval = Next(hval, input, ip);
            var slot = Index(hval);
            var reference = htab[slot];
            htab[slot] = ip;
            var off = (uint)(ip - reference - 1);
            if (off < MaxOff
                && reference > 0
                && input[reference] == input[ip]
                && input[reference + 1] == input[ip + 1]
                && input[reference + 2] == input[ip + 2])
            {
                var len = 2;
                var maxLen = inEnd - ip - len;
                maxLen = maxLen > MaxRef ? MaxRef : maxLen;
                output[op - lit - 1] = (byte)(lit - 1); // stop run
                op -= lit == 0 ? 1 : 0; // undo run if length is zero
                if (op + 3 + 1 >= outEnd)
                {
                    return 0;
                }
                if (maxLen > 16)
                {
                    for (var step = 0; step < 16; step++)
                    {
                        len++;
                        if (input[reference + len] != input[ip + len])
                        {
                            goto Matched;
                        }
                    }
                }
                do
                {
                    len++;
                }
                while (len < maxLen && input[reference + len] == input[ip + len]);
            Matched:
                len -= 2; // len is now #octets - 1
                ip++;
                if (len < 7)
                {
                    output[op++] = (byte)((off >> 8) + (uint)(len << 5));
                }
                else
                {
                    output[op++] = (byte)((off >> 8) + (7 << 5));
                    output[op++] = (byte)(len - 7);
                }
                output[op++] = (byte)off;
                lit = 0;
                op++; // start run
                ip += len + 1;
                if (ip >= inEnd - 2)
                {
                    break;
                }
                // VERY_FAST: hash the last two positions of the match.
                ip -= 2;
                hval = First(input, ip);
                hval = Next(hval, input, ip);
                htab[Index(hval)] = ip;
                ip++;
                hval = Next(hval, input, ip);
                htab[Index(hval)] = ip;
                ip++;
            }
            else
            {
                if (op >= outEnd)
                {
                    return 0;
                }
                CopyLiteral(input, output, ref ip, ref op, ref lit);
            }
        }
        if (op + 3 > outEnd)
        {
            return 0; // at most 3 bytes can be missing here
        }
        while (ip < inEnd)
        {
            CopyLiteral(input, output, ref ip, ref op, ref lit);
        }
        output[op - lit - 1] = (byte)(lit - 1); // end run
        op -= lit == 0 ? 1 : 0;
        return op;
    }

    /// <summary>lzf_decompress into exactly <paramref name="length"/> bytes; null when the data is corrupt or has another length.</summary>
    public static byte[]? Decompress(ReadOnlySpan<byte> input, int length)
    {
        var output = new byte[length];
        int ip = 0, op = 0;
        while (ip < input.Length)
        {
            int ctrl = input[ip++];
            if (ctrl < 1 << 5)
            {
                ctrl++;
                if (op + ctrl > output.Length || ip + ctrl > input.Length)
                {
                    return null;
                }
                input.Slice(ip, ctrl).CopyTo(output.AsSpan(op));
                ip += ctrl;
                op += ctrl;
            }
            else
            {
                var len = ctrl >> 5;
                var reference = op - ((ctrl & 0x1f) << 8) - 1;
                if (ip >= input.Length)
                {
                    return null;
                }
                if (len == 7)
                {
                    len += input[ip++];
                    if (ip >= input.Length)
                    {
                        return null;
                    }
                }
                reference -= input[ip++];
                if (op + len + 2 > output.Length || reference < 0)
                {
                    return null;
                }
                for (var i = 0; i < len + 2; i++)
                {
                    output[op++] = output[reference++];
                }
            }
        }
        return op == length ? output : null;
    }

    /// <summary>One more literal byte; a full run (32 bytes) gets its header and a new run starts.</summary>
    private static void CopyLiteral(ReadOnlySpan<byte> input, byte[] output, ref int ip, ref int op, ref int lit)
    {
        lit++;
        output[op++] = input[ip++];
        if (lit == MaxLit)
        {
            output[op - lit - 1] = (byte)(lit - 1); // stop run
            lit = 0;
            op++; // start run
        }
    }

    private static uint First(ReadOnlySpan<byte> p, int i) => ((uint)p[i] << 8) | p[i + 1];

    private static uint Next(uint v, ReadOnlySpan<byte> p, int i) => (v << 8) | p[i + 2];

    private static int Index(uint h) => (int)(((h >> (3 * 8 - HLog)) - h * 5) & (HSize - 1));
}
