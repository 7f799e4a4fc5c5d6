using OrleansStreams.Cli;

return await CliApp.RunAsync(args);
