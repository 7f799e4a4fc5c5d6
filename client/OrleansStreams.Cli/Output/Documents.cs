using System.Text.Json.Nodes;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Output;

/// <summary>The JSON documents of the SDK's results, shared by the verbs that show them (info, groups, top).</summary>
internal static class Documents
{
    public static JsonObject Stream(string name, StreamDescription info) => new()
    {
        ["stream"] = name,
        ["length"] = info.Length,
        ["lastGeneratedId"] = info.LastGeneratedId.ToString(),
        ["maxDeletedEntryId"] = info.MaxDeletedEntryId.ToString(),
        ["entriesAdded"] = info.EntriesAdded,
        ["recordedFirstEntryId"] = info.RecordedFirstEntryId.ToString(),
        ["groups"] = info.Groups,
        ["firstEntry"] = JsonOutput.EntryOrNull(info.FirstEntry),
        ["lastEntry"] = JsonOutput.EntryOrNull(info.LastEntry),
    };

    public static JsonObject Group(GroupDescription group) => new()
    {
        ["name"] = group.Name,
        ["consumers"] = group.Consumers,
        ["pending"] = group.Pending,
        ["lastDeliveredId"] = group.LastDeliveredId.ToString(),
        ["entriesRead"] = group.EntriesRead,
        ["lag"] = group.Lag,
        ["deadLetter"] = group.DeadLetter is { } d
            ? new JsonObject { ["maxDeliveries"] = d.MaxDeliveries, ["stream"] = d.Stream, ["deadLettered"] = d.DeadLettered }
            : null,
    };
}
