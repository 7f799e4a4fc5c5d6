namespace OrleansStreams.Client;

/// <summary>Group helpers every worker needs.</summary>
public static class StreamClientGroupExtensions
{
    /// <summary>
    /// Creates the group at <paramref name="position"/>, and the stream with it (MKSTREAM), unless the group exists:
    /// the usual start of a worker, where another worker of the pool or an earlier run may have created it.
    /// Returns whether this call created it.
    /// </summary>
    public static async Task<bool> EnsureGroupAsync(this IStreamClient client, string stream, string group, GroupPosition position, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateGroupAsync(stream, group, position, makeStream: true, cancellationToken);
            return true;
        }
        catch (GroupExistsException)
        {
            return false;
        }
    }
}
