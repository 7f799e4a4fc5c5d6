using OrleansStreams.Resp.Server;
using OrleansStreams.Silo;

// appsettings.json (log levels, defaults) sits beside the assembly: load it from there whatever the
// working directory is (systemd, containers and `dotnet silo/bin/.../OrleansStreams.Silo.dll` run elsewhere).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, NodeOptions.Switches);
var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
var gateway = builder.Configuration.GetSection(RespGatewayOptions.Section).Get<RespGatewayOptions>() ?? new RespGatewayOptions();
node.Validate();
gateway.Validate();

builder.UseOrleansStreamsSilo(node);
builder.Services.AddRespGateway(builder.Configuration);
builder.WebHost.UseRespGateway(gateway);
builder.BoundStop(node);

var app = builder.Build();
app.LogStartup(node, gateway);
app.ExitIfStopHangs(node);
await app.RunAsync();
