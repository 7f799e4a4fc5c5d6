using System.Collections.Concurrent;
using OrleansStreams.Client;

namespace OrleansStreams.Streaming;

/// <summary>
/// The <see cref="EntrySerializer"/> of each provider started in this process, by provider name. Batch
/// containers cross silos without their serializer (JSON options do not serialize), and Orleans 10 gives a
/// deserialized object no service provider, so the subscriber's side finds the serializer here: every silo
/// or client that subscribes through a provider has started it.
/// </summary>
internal static class ProviderSerializers
{
    private static readonly ConcurrentDictionary<string, EntrySerializer> Serializers = new(StringComparer.Ordinal);

    public static void Register(string providerName, EntrySerializer serializer) => Serializers[providerName] = serializer;

    /// <exception cref="InvalidOperationException">No provider of that name started in this process.</exception>
    public static EntrySerializer Get(string providerName) =>
        Serializers.TryGetValue(providerName, out var serializer)
            ? serializer
            : throw new InvalidOperationException($"Stream provider '{providerName}' is not registered in this process (AddOrleansStreams), so its entries cannot be read as typed items here.");
}
