namespace OrleansStreams.Processing;

public sealed partial class WindowOperator
{
    private const byte SnapshotVersion = 1;

    /// <summary>
    /// Writes the watermark and every window's key, bounds, fired flag, event count and aggregate state (raw events
    /// under Recompute). The specs are not written: the reader passes them, as the pipeline definition owns them.
    /// </summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(SnapshotVersion);
        writer.Write(Watermark);
        writer.Write7BitEncodedInt(OpenWindows);
        foreach (var state in AllStates())
        {
            writer.Write(state.Key);
            writer.Write(state.Start);
            writer.Write(state.End);
            writer.Write(state.Fired);
            writer.Write(state.Count);
            if (state.Raw is null)
            {
                state.Accumulator!.WriteTo(writer);
            }
            else
            {
                KeyedEventCodec.Write(writer, state.Raw);
            }
        }
    }

    /// <summary>Restores an operator written by <see cref="WriteTo"/> with the same specs; it behaves exactly as the one written.</summary>
    public static WindowOperator ReadFrom(BinaryReader reader, WindowSpec window, IReadOnlyList<AggregateSpec> aggregates, LatePolicy late)
    {
        if (reader.ReadByte() != SnapshotVersion)
        {
            throw new InvalidDataException("Unknown window operator snapshot version.");
        }
        var op = new WindowOperator(window, aggregates, late) { Watermark = reader.ReadInt64() };
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            var key = reader.ReadString();
            var start = reader.ReadInt64();
            var end = reader.ReadInt64();
            var fired = reader.ReadBoolean();
            var count = reader.ReadInt64();
            var state = KeepsRawEvents(window, late)
                ? new WindowState(key, start, end, null, KeyedEventCodec.Read(reader))
                : new WindowState(key, start, end, Accumulator.ReadFrom(reader, aggregates), null);
            state.Fired = fired;
            state.Count = count;
            op.Restore(state);
        }
        return op;
    }

    private void Restore(WindowState state)
    {
        switch (_window)
        {
            case WindowSpec.Count:
                _counts.Add(state.Key, state);
                return;
            case WindowSpec.Session:
                // Written in list order, so each key's list comes back sorted by start.
                if (!_sessions.TryGetValue(state.Key, out var sessions))
                {
                    sessions = [];
                    _sessions.Add(state.Key, sessions);
                }
                sessions.Add(state);
                _sessionCount++;
                break;
            default:
                _windows.Add((state.Key, state.Start), state);
                break;
        }
        (state.End > Watermark ? _pending : _fired).Add(state);
    }
}
