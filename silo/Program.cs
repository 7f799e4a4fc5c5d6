using OrleansStreams.Resp.Cluster;
using OrleansStreams.Resp.Server;
using OrleansStreams.Silo;

// appsettings.json (log levels, defaults) sits beside the assembly: load it from there whatever the
// working directory is (systemd, containers and `dotnet silo/bin/.../OrleansStreams.Silo.dll` run elsewhere).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, NodeOptions.Switches);
NodeOptions node;
RespGatewayOptions gateway;
NodeAddresses addresses;
try
{
    node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
    gateway = builder.Configuration.GetSection(RespGatewayOptions.Section).Get<RespGatewayOptions>() ?? new RespGatewayOptions();
    node.Validate();
    gateway.Validate();
    addresses = NodeAddresses.Resolve(node, gateway);
    NodePorts.EnsureFree(node, gateway);
    builder.UseOrleansStreamsSilo(node, addresses);
}
catch (InvalidOperationException e)
{
    // A bad option or a port in use: one line and exit code 1, as redis-server does, not a stack trace.
    // The configuration binder names keys (Node:SiloPort); say the switch the user typed.
    var message = NodeOptions.Switches.Aggregate(e.Message, (text, s) => text.Replace($"'{s.Value}'", s.Key, StringComparison.Ordinal));
    await Console.Error.WriteLineAsync($"OrleansStreams: {message}");
    return 1;
}

builder.Services.AddRespGateway(builder.Configuration);
builder.UseOrleans(silo => silo.PublishRespEndpoint(gateway));
builder.WebHost.UseRespGateway(gateway);
builder.BoundStop(node);

var app = builder.Build();
app.LogStartup(node, gateway, addresses);
app.ExitIfStopHangs(node);
await app.RunAsync();
return 0;
