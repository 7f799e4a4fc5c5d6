using Orleans.Configuration;

namespace OrleansStreams.Silo;

/// <summary>
/// Membership settings for failover in seconds (docs/decisions/0009-failover-membership.md): a
/// crashed silo is declared dead after about two seconds of failed probes, and its grains are
/// reactivated elsewhere from storage. Orleans' defaults (5 s probes, 3 misses, IAmAlive every
/// 30 s) take 15–20 s.
/// </summary>
public static class FailoverMembership
{
    public static void Apply(ClusterMembershipOptions o)
    {
        // One probe a second; two missed in a row make the prober suspect the silo.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        // Two votes where the cluster has enough silos to give them; Orleans needs fewer when it has fewer.
        o.NumVotesForDeathDeclaration = 2;
        // A silo's liveness row is refreshed every 5 s, so a silo that stopped writing it (not just
        // answering probes) is stale after NumMissedTableIAmAliveLimit × 5 s, and peers re-read the
        // table every 10 s to catch any gossip they missed.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        // Dead incarnations (every crash leaves one) are removed from the table after an hour, not a week.
        o.DefunctSiloExpiration = TimeSpan.FromHours(1);
        o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
    }
}
