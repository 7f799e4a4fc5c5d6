namespace OrleansStreams.Cluster;

/// <summary>
/// Places a grain whose key names a Redis key (a stream partition, a consumer group, a pipeline's source
/// reader) on the silo that owns the key's hash slot (<see cref="SlotPlacementDirector"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.SlotPlacement")]
public sealed class SlotPlacement : PlacementStrategy
{
    public static SlotPlacement Instance { get; } = new();
}
