using System.Diagnostics;
using System.Net;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>
/// Hosts for cluster tests: one Linux network namespace per host, each with its own address on a bridge in the
/// test's own namespace (a veth pair per host), so silos on different hosts really talk over a network and a
/// host's link can be cut. The bridge's address is a host too (the test process and redis-server live there).
/// Addresses are in 10.231.N.0/24 with N random per network; only the addresses made here receive traffic.
/// Needs root and iproute2; <see cref="DisposeAsync"/> removes every namespace, link and bridge it made.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private static int _sequence;
    private readonly string _tag;
    private readonly List<TestHost> _hosts = [];

    private TestNetwork(string tag, int subnet)
    {
        _tag = tag;
        Subnet = subnet;
        Bridge = $"osb{tag}";
        BridgeAddress = IPAddress.Parse($"10.231.{subnet}.1");
    }

    public int Subnet { get; }

    public string Bridge { get; }

    /// <summary>The address of the test's own namespace on the bridge: where redis-server listens, and what clients dial from.</summary>
    public IPAddress BridgeAddress { get; }

    public IReadOnlyList<TestHost> Hosts => _hosts;

    /// <summary>Whether this machine can make namespaces (root, iproute2); the tests that need them say why not otherwise.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }
        if (Environment.UserName != "root")
        {
            return "network namespaces need root (CI runs as root)";
        }
        return File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip") || File.Exists("/bin/ip")
            ? null
            : "iproute2's ip command is missing";
    }

    /// <summary>Makes a bridge and <paramref name="hosts"/> namespaces on it, with addresses .11, .12, ….</summary>
    public static async Task<TestNetwork> CreateAsync(int hosts)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        // The process id and a counter keep parallel test runs (and classes) apart; names stay within 15 characters.
        var tag = $"{Environment.ProcessId % 100000:x5}{sequence % 16:x1}";
        // A subnet no interface of this namespace uses (a run killed before its cleanup may have left a bridge behind):
        // two bridges on one subnet would make the route to the bridge address ambiguous.
        var (_, addresses, _) = await ChildProcesses.RunAsync("ip", ["-o", "-4", "addr", "show"], TimeSpan.FromSeconds(20));
        var subnet = Enumerable.Range(0, 200)
            .Select(i => 32 + ((Environment.ProcessId * 7 + sequence * 13 + i) % 200))
            .First(n => !addresses.Contains($" 10.231.{n}.", StringComparison.Ordinal));
        var network = new TestNetwork(tag, subnet);
        try
        {
            await Ip($"link add {network.Bridge} type bridge");
            await Ip($"addr add {network.BridgeAddress}/24 dev {network.Bridge}");
            await Ip($"link set {network.Bridge} up");
            for (var i = 0; i < hosts; i++)
            {
                await network.AddHostAsync();
            }
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
        return network;
    }

    /// <summary>Adds one more host (namespace, veth pair, next address).</summary>
    public async Task<TestHost> AddHostAsync()
    {
        var index = _hosts.Count;
        var host = new TestHost(this, $"os{_tag}h{index}", $"osv{_tag}{index}", IPAddress.Parse($"10.231.{Subnet}.{11 + index}"));
        _hosts.Add(host);
        await Ip($"netns add {host.Namespace}");
        await Ip($"link add {host.RootLink} type veth peer name eth0 netns {host.Namespace}");
        await Ip($"link set {host.RootLink} master {Bridge}");
        await Ip($"link set {host.RootLink} up");
        await Ip($"-n {host.Namespace} addr add {host.Address}/24 dev eth0");
        await Ip($"-n {host.Namespace} link set eth0 up");
        await Ip($"-n {host.Namespace} link set lo up");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await IpQuietly($"netns del {host.Namespace}");
            await IpQuietly($"link del {host.RootLink}");
        }
        await IpQuietly($"link del {Bridge}");
    }

    internal static async Task Ip(string arguments)
    {
        var (code, stdout, stderr) = await ChildProcesses.RunAsync("ip", arguments.Split(' '), TimeSpan.FromSeconds(20));
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed with exit code {code}: {stderr}{stdout}");
        }
    }

    private static async Task IpQuietly(string arguments)
    {
        try
        {
            await ChildProcesses.RunAsync("ip", arguments.Split(' '), TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // Cleanup goes on with the other links; a namespace left behind is named after this run.
        }
    }
}

/// <summary>One host of a <see cref="TestNetwork"/>: a network namespace with one address.</summary>
public sealed class TestHost(TestNetwork network, string ns, string rootLink, IPAddress address)
{
    public TestNetwork Network => network;

    public string Namespace => ns;

    /// <summary>The bridge side of the host's veth pair: setting it down cuts the host off the network.</summary>
    public string RootLink => rootLink;

    public IPAddress Address => address;

    /// <summary>Runs <paramref name="info"/>'s program inside this host's namespace (ip netns exec replaces itself with it, so the process id is the program's).</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo("ip") { WorkingDirectory = info.WorkingDirectory };
        foreach (var arg in new[] { "netns", "exec", ns, info.FileName })
        {
            wrapped.ArgumentList.Add(arg);
        }
        foreach (var arg in info.ArgumentList)
        {
            wrapped.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in info.Environment)
        {
            wrapped.Environment[key] = value;
        }
        return wrapped;
    }

    /// <summary>Cuts the host off: its link to the bridge goes down (a network partition of this host from all others).</summary>
    public Task CutLinkAsync() => TestNetwork.Ip($"link set {rootLink} down");

    /// <summary>Heals <see cref="CutLinkAsync"/>.</summary>
    public Task HealLinkAsync() => TestNetwork.Ip($"link set {rootLink} up");

    public override string ToString() => $"{ns} ({address})";
}
