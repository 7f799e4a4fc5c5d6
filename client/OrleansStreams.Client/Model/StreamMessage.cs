using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>
/// One stream entry: its ID and its fields in order. <see cref="Fields"/> is empty for an entry a
/// group still lists as pending but the stream no longer has (deleted or trimmed), as Redis answers
/// <c>[id, nil]</c>; <see cref="Deleted"/> says so.
/// </summary>
public sealed record StreamMessage(StreamEntryId Id, IReadOnlyList<StreamField> Fields)
{
    /// <summary>The entry is pending in a group but no longer in the stream.</summary>
    public bool Deleted { get; init; }

    /// <summary>The value of the first field named <paramref name="field"/>, or null.</summary>
    public string? this[string field]
    {
        get
        {
            foreach (var f in Fields)
            {
                if (f.Name == field)
                {
                    return f.Value;
                }
            }
            return null;
        }
    }

    /// <summary>The entry as a <typeparamref name="T"/>, read back the way the client's <see cref="EntrySerializer"/> writes it.</summary>
    public T As<T>(EntrySerializer? serializer = null) => (serializer ?? EntrySerializer.Default).Deserialize<T>(Fields);
}

/// <summary>An entry read as a <typeparamref name="T"/>.</summary>
public sealed record StreamMessage<T>(StreamEntryId Id, T Value);
