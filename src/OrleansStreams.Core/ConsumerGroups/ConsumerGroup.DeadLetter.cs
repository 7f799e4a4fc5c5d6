namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    /// <summary>The maximum delivery count before an entry goes to the dead-letter stream; 0 when the group has no policy.</summary>
    public long MaxDeliveries { get; private set; }

    /// <summary>The stream dead-lettered entries are appended to, or null when the group has no policy.</summary>
    public string? DeadLetterStream { get; private set; }

    /// <summary>How many entries went to the dead-letter stream.</summary>
    public long DeadLetteredCount { get; private set; }

    /// <summary>Sets the policy (beyond Redis); <paramref name="maxDeliveries"/> 0 and a null stream remove it.</summary>
    public void SetDeadLetterPolicy(long maxDeliveries, string? stream)
    {
        if (maxDeliveries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDeliveries));
        }
        Record(new ConsumerGroupMutation.DeadLetterPolicySet(maxDeliveries, maxDeliveries == 0 ? null : stream));
    }

    /// <summary>
    /// The PEL records delivered more than <see cref="MaxDeliveries"/> times, acknowledged and counted: the caller appends
    /// them (with stream, group, ID and delivery count) to <see cref="DeadLetterStream"/>. Empty without a policy.
    /// </summary>
    public List<PendingEntry> DeadLetter()
    {
        if (MaxDeliveries == 0 || DeadLetterStream is null)
        {
            return [];
        }
        var over = Pending.Where(p => p.DeliveryCount > MaxDeliveries).ToList();
        foreach (var p in over)
        {
            Record(new ConsumerGroupMutation.Acked(p.Id));
        }
        if (over.Count > 0)
        {
            Record(new ConsumerGroupMutation.DeadLettered(over.Count));
        }
        return over;
    }
}
