namespace TypedEvents;

/// <summary>The event: each property becomes a field of the entry (camelCase), read back by <c>As&lt;OrderPlaced&gt;()</c>.</summary>
public sealed record OrderPlaced(string OrderId, string Customer, decimal Amount, DateTimeOffset PlacedAt);
