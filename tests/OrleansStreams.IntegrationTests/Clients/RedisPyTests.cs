using OrleansStreams.IntegrationTests.Harness;

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
        var (exit, stdout, stderr) = await ChildProcesses.RunAsync(Python, [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"redis-py session against port {port} failed ({Python} needs Debian's python3-redis): {stderr}");
        return stdout.Trim();
    }
}
