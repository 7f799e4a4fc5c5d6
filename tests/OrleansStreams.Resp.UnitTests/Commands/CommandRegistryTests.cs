using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.UnitTests.Commands;

public class CommandRegistryTests
{
    [Fact]
    public void Every_command_in_the_table_has_a_handler_and_every_handler_is_in_the_table()
    {
        var registry = new CommandRegistry();
        CommandFamilies.RegisterAll(registry, new CommandDispatcher(null!, registry));
        var table = CommandTable.Default.Commands.Select(c => c.Name.ToUpperInvariant()).Order().ToList();
        Assert.Equal(table, registry.Names.Select(n => n.ToUpperInvariant()).Order().ToList());
    }

    [Fact]
    public void Lookup_ignores_case_and_takes_arity_from_the_table()
    {
        var registry = new CommandRegistry();
        StreamCommands.Register(registry);
        Assert.True(registry.TryGet("xAdD"u8, out var entry));
        Assert.Equal(-5, entry.Arity);
        Assert.False(entry.ArityOk(4));
        Assert.False(registry.TryGet("NOPE"u8, out _));
    }
}
