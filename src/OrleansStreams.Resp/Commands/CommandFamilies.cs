namespace OrleansStreams.Resp.Commands;

/// <summary>Every command family the gateway answers, registered in one place.</summary>
public static class CommandFamilies
{
    /// <summary>Registers all families; transactions need the dispatcher that runs EXEC's queue.</summary>
    public static void RegisterAll(CommandRegistry registry, CommandDispatcher dispatcher)
    {
        StreamCommands.Register(registry);
        ConsumerGroupCommands.Register(registry);
        KeyspaceCommands.Register(registry);
        ConnectionCommands.Register(registry);
        ServerCommands.Register(registry);
        Cluster.ClusterCommands.Register(registry);
        PubSubCommands.Register(registry);
        CommandInfoCommands.Register(registry);
        TransactionCommands.Register(registry, dispatcher);
        PipelineCommands.Register(registry);
    }
}
