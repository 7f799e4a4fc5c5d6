namespace OrleansStreams.Processing.UnitTests;

public sealed class PipelineJsonValidationTests
{
    private const string Window = """{"window":{"type":"tumbling","sizeMs":1000}}""";
    private const string Count = """{"aggregate":[{"op":"count"}]}""";

    public static TheoryData<string, string> Definitions => new()
    {
        { "[1]", "the definition must be a JSON object" },
        { "{", "the definition is not valid JSON" },
        { """{"sink":{"stream":"o"}}""", "source is required" },
        { """{"source":{"stream":"a"}}""", "sink is required" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"extra":1}""", "extra is not a known property" },
        { """{"source":{"stream":"a","bogus":true},"sink":{"stream":"o"}}""", "source.bogus is not a known property" },
        { """{"source":{"stream":"a","pattern":"b*"},"sink":{"stream":"o"}}""", "source must have exactly one of stream, streams, pattern, memory" },
        { """{"source":{"stream":""},"sink":{"stream":"o"}}""", "source.stream must be a non-empty string" },
        { """{"source":{"streams":[]},"sink":{"stream":"o"}}""", "source.streams must be a non-empty array of non-empty strings" },
        { """{"source":{"stream":"a","from":"x"},"sink":{"stream":"o"}}""", "source.from must be \"0\", \"$\" or an entry ID" },
        { """{"source":{"stream":"a"},"watermark":{"type":"late"},"sink":{"stream":"o"}}""", "watermark.type must be one of bounded, monotonic, periodic" },
        { """{"source":{"stream":"a"},"watermark":{"type":"bounded","maxOutOfOrderMs":-1},"sink":{"stream":"o"}}""", "watermark.maxOutOfOrderMs must be a non-negative integer" },
        { """{"source":{"stream":"a"},"watermark":{"type":"periodic"},"sink":{"stream":"o"}}""", "watermark.intervalMs must be a positive integer" },
        { """{"source":{"stream":"a"},"watermark":{"type":"monotonic","maxOutOfOrderMs":5},"sink":{"stream":"o"}}""", "watermark.maxOutOfOrderMs is not a known property" },
        { """{"source":{"stream":"a"},"steps":{},"sink":{"stream":"o"}}""", "steps must be an array" },
        { """{"source":{"stream":"a"},"steps":[{"filter":"a","map":{}}],"sink":{"stream":"o"}}""", "steps[0] must be an object with exactly one of filter, map, select, drop, flatMap, keyBy, window, aggregate" },
        { """{"source":{"stream":"a"},"steps":[{"sort":"a"}],"sink":{"stream":"o"}}""", "steps[0].sort is not a known step" },
        { """{"source":{"stream":"a"},"steps":[{"filter":"a =="}],"sink":{"stream":"o"}}""", "steps[0].filter is not a valid expression" },
        { """{"source":{"stream":"a"},"steps":[{"filter":1}],"sink":{"stream":"o"}}""", "steps[0].filter must be a string expression" },
        { """{"source":{"stream":"a"},"steps":[{"map":{"x":"(1"}}],"sink":{"stream":"o"}}""", "steps[0].map.x is not a valid expression" },
        { """{"source":{"stream":"a"},"steps":[{"map":{}}],"sink":{"stream":"o"}}""", "steps[0].map must be an object of field: expression" },
        { """{"source":{"stream":"a"},"steps":[{"flatMap":""}],"sink":{"stream":"o"}}""", "steps[0].flatMap must be a non-empty field name" },
        { """{"source":{"stream":"a"},"steps":[{"keyBy":"k"}],"sink":{"stream":"o"}}""", "steps[0].keyBy requires a window and aggregate step after it" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"keyBy":"k"},{"keyBy":"j"},{{{Window}}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[1].keyBy must come once, before window and aggregate" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}},{"keyBy":"k"}],"sink":{"stream":"o"}}""", "steps[2].keyBy must come once, before window and aggregate" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}}],"sink":{"stream":"o"}}""", "steps[0].window must be followed directly by an aggregate step" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}},{{{Window}}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[2].window must come only once" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].aggregate must directly follow a window step" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"tumbling","sizeMs":0}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.sizeMs must be a positive integer" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"keyBy":"k"},{"filter":"true"},{"window":{"type":"tumbling","sizeMs":"60s"}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[2].window.sizeMs must be a positive integer" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"tumbling","sizeMs":10,"offsetMs":10}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.offsetMs must be at least 0 and less than window.sizeMs" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"sliding","sizeMs":10,"slideMs":20}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.slideMs must not exceed window.sizeMs" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"session","gapMs":-5}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.gapMs must be a positive integer" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"count","size":5,"sizeMs":5}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.sizeMs is not a known property" },
        { $$$"""{"source":{"stream":"a"},"steps":[{"window":{"sizeMs":5}},{{{Count}}}],"sink":{"stream":"o"}}""", "steps[0].window.type is required" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[]}],"sink":{"stream":"o"}}""", "steps[1].aggregate must list at least one aggregate" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":{}}],"sink":{"stream":"o"}}""", "steps[1].aggregate must be an array" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"median","field":"x"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].op must be one of count, sum, avg, min, max, first, last, countDistinct, collect, duration" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"field":"x"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].op is required" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"count"},{"op":"sum"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[1].field is required for sum" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"count","field":"x"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].field is not allowed for count" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"count","as":"n"},{"op":"duration","as":"n"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[1].as must be unique ('n' is used twice)" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"count","as":"window_end"}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].as must not be key, window_start or window_end" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"sum","field":"x","limit":3}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].limit is only allowed for collect and countDistinct" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"collect","field":"x","limit":0}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].limit must be a positive integer" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{"aggregate":[{"op":"count","extra":1}]}],"sink":{"stream":"o"}}""", "steps[1].aggregate[0].extra is not a known property" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}}],"late":{"policy":"later"},"sink":{"stream":"o"}}""", "late.policy must be one of drop, allowedLateness, sideOutput, recompute" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}}],"late":{"policy":"sideOutput"},"sink":{"stream":"o"}}""", "late.stream is required for sideOutput" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}}],"late":{"policy":"allowedLateness"},"sink":{"stream":"o"}}""", "late.allowedLatenessMs must be a positive integer for allowedLateness" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}}],"late":{"policy":"drop","stream":"x"},"sink":{"stream":"o"}}""", "late.stream is not allowed for drop" },
        { $$$"""{"source":{"stream":"a"},"steps":[{{{Window}}},{{{Count}}}],"late":{"policy":"sideOutput","stream":"x","allowedLatenessMs":5},"sink":{"stream":"o"}}""", "late.allowedLatenessMs is not allowed for sideOutput" },
        { """{"source":{"stream":"a"},"late":{"policy":"recompute","allowedLatenessMs":5},"sink":{"stream":"o"}}""", "late.policy other than drop requires a window" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o","hash":"h"}}""", "sink must have exactly one of stream, hash, memory" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o","maxLen":0}}""", "sink.maxLen must be a positive integer" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o","ttlMs":5}}""", "sink.ttlMs is not a known property" },
        { """{"source":{"stream":"a"},"sink":{"hash":"h"}}""", "sink.hash requires a window" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"errors":{}}""", "errors.stream is required" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"buffer":{"policy":"spill"}}""", "buffer.policy must be one of block, dropOldest, dropNewest" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"buffer":{"capacity":0}}""", "buffer.capacity must be a positive integer" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"keyGroups":0}""", "keyGroups must be between 1 and 4096" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"keyGroups":4097}""", "keyGroups must be between 1 and 4096" },
        { """{"source":{"stream":"a"},"sink":{"stream":"o"},"batchSize":-1}""", "batchSize must be a positive integer" },
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Invalid_definition_is_rejected_naming_its_path(string json, string problem)
    {
        var ex = Assert.Throws<PipelineDefinitionException>(() => PipelineJson.Parse("p", json));

        Assert.StartsWith("invalid pipeline definition: " + problem, ex.Message);
        if (!problem.EndsWith("is not valid JSON") && !problem.EndsWith("is not a valid expression"))
        {
            Assert.Equal("invalid pipeline definition: " + problem, ex.Message);
        }
    }

    [Fact]
    public void Empty_name_is_rejected() =>
        Assert.Equal(
            "invalid pipeline definition: the pipeline name must be a non-empty string",
            Assert.Throws<PipelineDefinitionException>(() => PipelineJson.Parse(" ", """{"source":{"stream":"a"},"sink":{"stream":"o"}}""")).Message);
}
