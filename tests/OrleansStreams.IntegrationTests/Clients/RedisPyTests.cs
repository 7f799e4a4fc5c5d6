using System.Diagnostics;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>
/// redis-py (Debian's python3-redis, which .ci/run installs) runs an application-style session —
/// stream commands, pipelines, MULTI/EXEC, a blocking XREAD woken by another connection — and sees
/// exactly what it sees against redis-server.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class RedisPyTests(SharedSiloFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Redis_py_session_sees_the_same_as_against_redis_server()
    {
        var expected = await RunSessionAsync(fixture.Redis.Port);
        var actual = await RunSessionAsync(fixture.Silo.RespPort);
        Assert.Equal(expected, actual);
    }

    private static async Task<string> RunSessionAsync(int port)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "Python", "redis_py_session.py");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"redis-py session against port {port} failed ({Python} needs Debian's python3-redis): {await stderr}");
        return (await stdout).Trim();
    }
}
