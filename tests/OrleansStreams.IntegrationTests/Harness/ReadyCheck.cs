using System.Diagnostics;
using System.Net.Sockets;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>A server is ready when it answers PING on its RESP port.</summary>
internal static class ReadyCheck
{
    public static Task WaitForPongAsync(int port, Process process, ProcessOutput output, string? password, TimeSpan timeout, string name) =>
        WaitForPongAsync(System.Net.IPAddress.Loopback, port, process, output, password, timeout, name);

    public static async Task WaitForPongAsync(System.Net.IPAddress host, int port, Process process, ProcessOutput output, string? password, TimeSpan timeout, string name)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no connection yet";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // Without a timeout this also waits until the redirected output is read to its end,
                // so the message holds the process's last words (e.g. why it refused to start).
                process.WaitForExit();
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before answering PING on {host}:{port}.\n{output}");
            }
            try
            {
                using var client = await RespClient.ConnectAsync(host, port, TimeSpan.FromSeconds(2));
                if (password is not null)
                {
                    await client.SendAsync("AUTH", password);
                    await client.ReadFrameAsync(TimeSpan.FromSeconds(5));
                }
                var pong = await client.ValueAsync("PING");
                if (pong is { Type: '+', Text: "PONG" })
                {
                    return;
                }
                last = pong.ToString();
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or OperationCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(Poll.DefaultInterval * 4);
        }
        throw new TimeoutException($"{name} did not answer PING on {host}:{port} within {timeout.TotalSeconds} s (last: {last}).\n{output}");
    }
}
