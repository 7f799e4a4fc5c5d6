namespace OrleansStreams.Processing;

/// <summary>
/// The state of one key, as a stateful operator sees it while it handles an event of that key: named
/// values (JSON-serialized), each with an optional time to live. Changes are journaled by the key
/// group that owns the key once the batch is done.
/// </summary>
public interface IKeyedState
{
    /// <summary>The key (the keyBy value) this state belongs to.</summary>
    string Key { get; }

    /// <summary>The value stored under <paramref name="name"/>, or default when absent or expired.</summary>
    T? Get<T>(string name);

    /// <summary>Stores a value; with a <paramref name="ttl"/> it expires that long after now (processing time).</summary>
    void Put<T>(string name, T value, TimeSpan? ttl = null);

    /// <summary>Reads, changes and stores a value in one step; returns the stored value.</summary>
    T Update<T>(string name, Func<T?, T> update, TimeSpan? ttl = null);

    /// <summary>Removes a value; true when one was there.</summary>
    bool Delete(string name);
}
