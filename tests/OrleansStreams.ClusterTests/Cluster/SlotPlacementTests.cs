using System.Text;
using Orleans.TestingHost;
using OrleansStreams.Cluster;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

using static OrleansStreams.ClusterTests.GrainCommands;

namespace OrleansStreams.ClusterTests.Cluster;

/// <summary>
/// Stream and group grains run on the owner of their key's hash slot, and move with it when a silo joins or
/// leaves — with their data. A cluster of its own, since silos come and go.
/// </summary>
public sealed class SlotPlacementTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private SlotCluster _cluster = null!;

    private TestCluster Cluster => _cluster.Cluster;

    private IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() => _cluster = await SlotCluster.StartAsync(2);

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Stream_and_group_grains_run_on_the_owner_of_their_slot()
    {
        var names = Enumerable.Range(0, 24).Select(i => $"placed-{i}").ToArray();
        foreach (var name in names)
        {
            await Stream(name).Execute(Ops(AppendAuto("f", "v")));
            await Group(name, "g").Execute(Ops(new ConsumerGroupOperation.Create(GroupStart.Beginning, MakeStream: false)));
        }
        var table = Table();
        Assert.Equal(2, table.Nodes.Count);
        foreach (var name in names)
        {
            var owner = table.OwnerNameOf(HashSlot.Of(Encoding.UTF8.GetBytes(name)));
            Assert.Equal(owner, await Where(Stream(name)));
            Assert.Equal(owner, await Where(Group(name, "g")));
        }
        // Both silos own some of these keys: placement is not all on one silo.
        Assert.Equal(2, names.Select(n => table.OwnerNameOf(HashSlot.Of(Encoding.UTF8.GetBytes(n)))).Distinct().Count());
    }

    [Fact]
    public async Task Grains_move_to_the_new_owner_with_their_data_when_a_silo_joins_and_when_it_leaves()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"moving-{i}").ToArray();
        foreach (var name in names)
        {
            await Stream(name).Execute(Ops(AppendAuto("f", "1"), AppendAuto("f", "2"), AppendAuto("f", "3")));
        }

        var joined = await Cluster.StartAdditionalSiloAsync();
        var moved = await EveryGrainOnItsOwnerAsync(names, expectedSilos: 3);
        Assert.Contains(moved, n => Owner(n) == SlotMembershipFollower.NodeName(joined.SiloAddress));
        await AssertLengthsAsync(names, 3);

        await Cluster.StopSiloAsync(joined);
        await EveryGrainOnItsOwnerAsync(names, expectedSilos: 2);
        await AssertLengthsAsync(names, 3);
    }

    [Fact]
    public async Task A_watcher_of_a_stream_that_moves_is_woken_to_watch_it_again()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"watched-{i}").ToArray();
        var watcher = new Watcher();
        var reference = Grains.CreateObjectReference<IStreamWatcher>(watcher);
        foreach (var name in names)
        {
            await Stream(name).Execute(Ops(AppendAuto("f", "1")));
            await Stream(name).Watch(reference);
        }

        var joined = await Cluster.StartAdditionalSiloAsync();
        var moving = names.Where(n => Owner(n) == SlotMembershipFollower.NodeName(joined.SiloAddress)).Select(StreamKey).ToHashSet();
        Assert.NotEmpty(moving);
        await EveryGrainOnItsOwnerAsync(names, expectedSilos: 3);
        var deadline = DateTime.UtcNow + Deadline;
        while (!moving.IsSubsetOf(watcher.Woken))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not woken: {string.Join(", ", moving.Except(watcher.Woken))}");
            await Task.Delay(100);
        }
    }

    private static string StreamKey(string name) => GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name));

    private sealed class Watcher : IStreamWatcher
    {
        private readonly HashSet<string> _woken = [];

        public IReadOnlySet<string> Woken
        {
            get
            {
                lock (_woken)
                {
                    return _woken.ToHashSet();
                }
            }
        }

        public void OnAppended(string streamKey)
        {
            lock (_woken)
            {
                _woken.Add(streamKey);
            }
        }
    }

    private IStreamPartitionGrain Stream(string name) => Grains.GetGrain<IStreamPartitionGrain>(GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name)));

    private IConsumerGroupGrain Group(string name, string group) =>
        Grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name)), group));

    /// <summary>The slot table of the silos up now, as every silo computes it.</summary>
    private SlotTable Table() => SlotTable.Assign(Cluster.GetActiveSilos().Select(s => SlotMembershipFollower.NodeName(s.SiloAddress)));

    private string? Owner(string name) => Table().OwnerNameOf(HashSlot.Of(Encoding.UTF8.GetBytes(name)));

    private async Task<string?> Where(IAddressable grain) =>
        await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain) is { } silo ? SlotMembershipFollower.NodeName(silo) : null;

    /// <summary>Calls each stream until every one answers from its slot's owner; returns those whose owner changed.</summary>
    private async Task<List<string>> EveryGrainOnItsOwnerAsync(string[] names, int expectedSilos)
    {
        var before = names.ToDictionary(n => n, n => Where(Stream(n)).Result);
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var misplaced = new List<string>();
            foreach (var name in names)
            {
                await Stream(name).Execute(Ops(new StreamOperation.Length()));
                if (Table().Nodes.Count != expectedSilos || await Where(Stream(name)) != Owner(name))
                {
                    misplaced.Add($"{name} on {await Where(Stream(name))}, owner {Owner(name)}");
                }
            }
            if (misplaced.Count == 0)
            {
                return names.Where(n => before[n] != Owner(n)).ToList();
            }
            Assert.True(DateTime.UtcNow < deadline, $"Not on their owners after {Deadline}: {string.Join(", ", misplaced)}");
            await Task.Delay(200);
        }
    }

    private async Task AssertLengthsAsync(string[] names, long length)
    {
        foreach (var name in names)
        {
            var results = await Stream(name).Execute(Ops(new StreamOperation.Length()));
            Assert.Equal(new StreamResult.Counted(length), results[0]);
        }
    }
}
