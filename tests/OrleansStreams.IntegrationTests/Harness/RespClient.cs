using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>
/// A raw RESP connection: sends commands as arrays of bulk strings and reads back whole reply frames as bytes,
/// so replies can be compared byte for byte with redis-server's. Reads pushes the same way as replies.
/// </summary>
public sealed class RespClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Socket _socket;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RespClient(Socket socket) => _socket = socket;

    public int Port { get; private init; }

    public static Task<RespClient> ConnectAsync(int port, TimeSpan? timeout = null) => ConnectAsync(IPAddress.Loopback, port, timeout);

    /// <summary>Connects to <paramref name="host"/> (a test host's address in its network namespace, or loopback).</summary>
    public static async Task<RespClient> ConnectAsync(IPAddress host, int port, TimeSpan? timeout = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(host, port), cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RespClient(socket) { Port = port };
    }

    public static byte[] Encode(IReadOnlyList<byte[]> args)
    {
        using var frame = new MemoryStream();
        frame.Write(Encoding.ASCII.GetBytes($"*{args.Count}\r\n"));
        foreach (var arg in args)
        {
            frame.Write(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
            frame.Write(arg);
            frame.Write("\r\n"u8);
        }
        return frame.ToArray();
    }

    public static byte[] Encode(params string[] args) => Encode(args.Select(Encoding.UTF8.GetBytes).ToArray());

    public Task SendAsync(params string[] args) => SendRawAsync(Encode(args));

    public Task SendAsync(IReadOnlyList<byte[]> args) => SendRawAsync(Encode(args));

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cts.Token);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Reads the next complete frame (reply or push); throws <see cref="TimeoutException"/> or <see cref="EndOfStreamException"/>.</summary>
    public async Task<byte[]> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var length = RespFrame.Measure(_buffer.AsSpan(_start, _end - _start));
            if (length >= 0)
            {
                var frame = _buffer[_start..(_start + length)];
                _start += length;
                return frame;
            }
            var read = await ReceiveAsync(timeout ?? DefaultTimeout, cts.Token);
            if (read == 0)
            {
                throw new EndOfStreamException(
                    $"Connection closed by the server; unparsed bytes: '{RespFrame.Show(_buffer.AsSpan(_start, _end - _start))}'.");
            }
        }
    }

    public async Task<RespValue> ReadValueAsync(TimeSpan? timeout = null) => RespValue.Parse(await ReadFrameAsync(timeout));

    /// <summary>Sends one command and returns its reply frame.</summary>
    public async Task<byte[]> CommandAsync(params string[] args)
    {
        await SendAsync(args);
        return await ReadFrameAsync();
    }

    public async Task<RespValue> ValueAsync(params string[] args) => RespValue.Parse(await CommandAsync(args));

    /// <summary>True when the server closes the connection (read returns 0 or the socket is reset) within the timeout.</summary>
    public async Task<bool> WaitClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (await ReceiveAsync(timeout, cts.Token) == 0)
                {
                    return true;
                }
                _start = _end;
            }
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> ReceiveAsync(TimeSpan timeout, CancellationToken token)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        if (_end == _buffer.Length)
        {
            var unread = _end - _start;
            var target = unread * 2 > _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, unread);
            _buffer = target;
            _start = 0;
            _end = unread;
        }
        try
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, token);
            _end += read;
            return read;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete RESP frame from port {Port} within {timeout.TotalMilliseconds:0} ms; have '{RespFrame.Show(_buffer.AsSpan(_start, _end - _start))}'.");
        }
    }
}
