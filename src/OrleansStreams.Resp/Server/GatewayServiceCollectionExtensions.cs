using OrleansStreams.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansStreams.Resp.Cluster;
using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.Server;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Registers the RESP gateway's services; the host maps a Kestrel endpoint to <see cref="RespConnectionHandler"/>.</summary>
    public static IServiceCollection AddRespGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RespGatewayOptions>().Bind(configuration.GetSection(RespGatewayOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<ClientRegistry>();
        services.AddSingleton<ServerStats>();
        services.AddSingleton<ServerConfig>();
        services.AddSingleton(sp => new DatabaseMap(sp.GetRequiredService<IOptions<RespGatewayOptions>>().Value.Databases));
        services.AddSingleton<StreamWakeups>();
        services.AddSingleton(_ => new PubSubHub((session, message) => RespConnectionHandler.WriteAsync(session, [message])));
        services.AddSingleton<GrainReferences>();
        services.AddSingleton<GrainCallBatcher>();
        services.AddSingleton<ClusterView>();
        services.AddSingleton<GatewayServices>();
        services.AddSingleton<CommandArrivalOrder>();
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<CommandRegistry>();
            var dispatcher = new CommandDispatcher(sp.GetRequiredService<GatewayServices>(), registry);
            CommandFamilies.RegisterAll(registry, dispatcher);
            return dispatcher;
        });
        services.AddHostedService<ClusterRegistrations>();
        return services;
    }
}
