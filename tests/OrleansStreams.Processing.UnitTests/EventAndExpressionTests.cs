using CsCheck;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing.UnitTests;

public sealed class EventAndExpressionTests
{
    [Fact]
    public void FromFields_types_canonical_numbers_and_keeps_other_text()
    {
        var e = TestData.Event("n", "42", "neg", "-7", "d", "1.5", "zero", "007", "trail", "1.50", "s", "click", "empty", "");

        Assert.Equal(42L, e.Fields["n"]);
        Assert.Equal(-7L, e.Fields["neg"]);
        Assert.Equal(1.5, e.Fields["d"]);
        Assert.Equal("007", e.Fields["zero"]);
        Assert.Equal("1.50", e.Fields["trail"]);
        Assert.Equal("click", e.Fields["s"]);
        Assert.Equal("", e.Fields["empty"]);
        Assert.Equal(1L, e.Timestamp);
    }

    [Fact]
    public void Field_text_round_trips_through_an_event() =>
        Gen.String.Select(Gen.OneOf(Gen.String, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
            .Sample((name, value) =>
            {
                var fields = TestData.Event(name, value).ToFields();
                return fields.Count == 1 && fields[0].Key == name && fields[0].Value == value;
            });

    [Fact]
    public void Json_field_properties_become_fields_with_nested_values_kept()
    {
        var e = PipelineEvent.FromFields(new StreamEntryId(5, 0), TestData.Fields(
            "op", "c", "event", """{"id":7,"price":2.5,"ok":true,"tags":["a",1],"addr":{"city":"Oslo"},"none":null}"""), "event");

        Assert.False(e.Fields.ContainsKey("event"));
        Assert.Equal("c", e.Fields["op"]);
        Assert.Equal(7L, e.Fields["id"]);
        Assert.Equal(2.5, e.Fields["price"]);
        Assert.Equal(true, e.Fields["ok"]);
        Assert.Equal(new List<object?> { "a", 1L }, e.Fields["tags"]);
        Assert.Equal("Oslo", ((Dictionary<string, object?>)e.Fields["addr"]!)["city"]);
        Assert.Null(e.Fields["none"]);
        Assert.Equal(
            TestData.Fields("op", "c", "id", "7", "price", "2.5", "ok", "true", "tags", """["a",1]""", "addr", """{"city":"Oslo"}"""),
            e.ToFields());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{nope")]
    public void Json_field_that_is_not_an_object_fails_the_event(string json) =>
        Assert.Throws<PipelineEventException>(() => PipelineEvent.FromFields(default, TestData.Fields("event", json), "event"));

    [Fact]
    public void Get_converts_between_field_types()
    {
        var e = TestData.Event("n", "42", "d", "2.5", "s", "x");

        Assert.Equal(42L, e.Get<long>("n"));
        Assert.Equal("42", e.Get<string>("n"));
        Assert.Equal(42.0, e.Get<double>("n"));
        Assert.Equal(2.5, e.Get<double>("d"));
        Assert.Equal("x", e.Get<string>("s"));
        Assert.Null(e.Get<string>("missing"));
        Assert.Equal(0L, e.Get<long>("missing"));
    }

    [Theory]
    [InlineData("type == 'click'", true)]
    [InlineData("type != 'click'", false)]
    [InlineData("type == 'Click'", false)]
    [InlineData("amount > 100", true)]
    [InlineData("amount > 1000", false)]
    [InlineData("amount >= 500 && price < 3", true)]
    [InlineData("amount < 100 or price > 2", true)]
    [InlineData("not (amount > 100)", false)]
    [InlineData("price == 2.5", true)]
    [InlineData("amount == 500.0", true)]
    [InlineData("missing == 'x'", false)]
    [InlineData("missing != 'x'", true)]
    [InlineData("missing > 3", false)]
    [InlineData("missing == null", true)]
    [InlineData("type in ('click', 'view')", true)]
    [InlineData("type not in ('click', 'view')", false)]
    [InlineData("page in ('home')", false)]
    [InlineData("[odd-name] == 'y'", true)]
    public void Filter_expressions_evaluate_on_fields(string expression, bool kept)
    {
        var step = Steps.Filter(expression, "steps[0].filter");
        var output = new List<PipelineEvent>();

        step.Apply(TestData.Event("type", "click", "amount", "500", "price", "2.5", "page", "about", "odd-name", "y"), output);

        Assert.Equal(kept, output.Count == 1);
    }

    [Fact]
    public void Expression_that_fails_on_an_event_throws_a_pipeline_event_exception()
    {
        var step = Steps.Filter("type > 3", "steps[0].filter");

        var ex = Assert.Throws<PipelineEventException>(() => step.Apply(TestData.Event("type", "click"), []));

        Assert.StartsWith("expression 'type > 3' failed", ex.Message);
    }

    [Fact]
    public void Map_evaluates_all_expressions_on_the_input_then_sets_the_fields()
    {
        var step = Steps.Map(TestData.Fields("total", "price * qty", "qty", "qty + 1", "label", "'x'"), "steps[0].map");
        var output = new List<PipelineEvent>();

        step.Apply(TestData.Event("price", "2.5", "qty", "4"), output);

        Assert.Equal(TestData.Fields("price", "2.5", "qty", "5", "total", "10", "label", "x"), output[0].ToFields());
    }

    [Fact]
    public void Select_and_drop_keep_and_remove_fields()
    {
        var output = new List<PipelineEvent>();
        Steps.Select(["a", "c"]).Apply(TestData.Event("a", "1", "b", "2", "c", "3"), output);
        Steps.Drop(["a"]).Apply(output[0], output);

        Assert.Equal(TestData.Fields("c", "3"), output[1].ToFields());
    }

    [Fact]
    public void FlatMap_emits_one_event_per_element()
    {
        var e = PipelineEvent.FromFields(default, TestData.Fields(
            "doc", """{"order":9,"items":[{"sku":"a","qty":1},{"sku":"b","qty":2}],"tags":["x","y"],"none":null}"""), "doc");
        var output = new List<PipelineEvent>();

        Steps.FlatMap("items").Apply(e, output);
        Steps.FlatMap("tags").Apply(output[0], output);
        Steps.FlatMap("none").Apply(e, output);
        Steps.FlatMap("order").Apply(e, output);

        Assert.Equal(5, output.Count);
        Assert.Equal(TestData.Fields("order", "9", "tags", """["x","y"]""", "sku", "a", "qty", "1"), output[0].ToFields());
        Assert.Equal(TestData.Fields("order", "9", "tags", """["x","y"]""", "sku", "b", "qty", "2"), output[1].ToFields());
        Assert.Equal("x", output[2].Fields["tags"]);
        Assert.Equal("y", output[3].Fields["tags"]);
        Assert.Same(e, output[4]);
    }

    [Fact]
    public void FlatMap_parses_a_json_array_held_as_text()
    {
        var output = new List<PipelineEvent>();

        Steps.FlatMap("ids").Apply(TestData.Event("ids", "[1,2,3]"), output);

        Assert.Equal(new object?[] { 1L, 2L, 3L }, output.Select(o => o.Fields["ids"]));
    }
}
