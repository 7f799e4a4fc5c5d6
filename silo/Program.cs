using OrleansStreams.Resp.Server;
using OrleansStreams.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, NodeOptions.Switches);
var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
var gateway = builder.Configuration.GetSection(RespGatewayOptions.Section).Get<RespGatewayOptions>() ?? new RespGatewayOptions();
node.Validate();
gateway.Validate();

builder.UseOrleansStreamsSilo(node);
builder.Services.AddRespGateway(builder.Configuration);
builder.WebHost.UseRespGateway(gateway);

var app = builder.Build();
app.LogStartup(node, gateway);
await app.RunAsync();
