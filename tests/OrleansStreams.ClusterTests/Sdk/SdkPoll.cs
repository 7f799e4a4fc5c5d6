namespace OrleansStreams.ClusterTests.Sdk;

/// <summary>Polls a condition with a deadline (never a sleep as synchronisation).</summary>
internal static class SdkPoll
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(20);
        }
    }
}
