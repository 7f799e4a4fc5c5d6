using System.Net.Sockets;

namespace OrleansStreams.Resp.UnitTests.Support;

/// <summary>A raw RESP client: sends bytes and returns the exact bytes of one reply.</summary>
public sealed class RespTestClient : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly List<byte> _received = [];

    public RespTestClient(string path)
    {
        _socket.Connect(new UnixDomainSocketEndPoint(path));
        _socket.ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds;
    }

    /// <summary>Sends a command and returns its reply's bytes.</summary>
    public byte[] Call(params string[] args)
    {
        _socket.Send(Wire.Command(args));
        return ReadReply();
    }

    /// <summary>Sends raw bytes and returns the first reply's bytes.</summary>
    public byte[] Send(byte[] bytes)
    {
        _socket.Send(bytes);
        return ReadReply();
    }

    public void Dispose() => _socket.Dispose();

    private byte[] ReadReply()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var data = _received.ToArray();
            var end = 0;
            if (TrySkip(data, ref end))
            {
                _received.RemoveRange(0, end);
                return data[..end];
            }
            var read = _socket.Receive(buffer);
            if (read == 0)
            {
                throw new IOException("connection closed before a whole reply arrived");
            }
            _received.AddRange(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Advances <paramref name="at"/> past one RESP2/RESP3 value, or returns false if it has not fully arrived.</summary>
    private static bool TrySkip(byte[] data, ref int at)
    {
        var lineEnd = Array.IndexOf(data, (byte)'\n', at);
        if (lineEnd < 0)
        {
            return false;
        }
        var type = (char)data[at];
        var header = Wire.Text(data.AsSpan(at + 1, lineEnd - at - 2));
        at = lineEnd + 1;
        switch (type)
        {
            case '$' or '=' or '!':
                var length = int.Parse(header);
                if (length < 0)
                {
                    return true;
                }
                if (data.Length < at + length + 2)
                {
                    return false;
                }
                at += length + 2;
                return true;
            case '*' or '~' or '>' or '%' or '|':
                var count = int.Parse(header) * (type is '%' or '|' ? 2 : 1);
                for (var i = 0; i < count; i++)
                {
                    if (!TrySkip(data, ref at))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }
}
