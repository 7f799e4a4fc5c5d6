using BenchmarkDotNet.Running;

// Benchmarks of Core's and the gateway's hot paths, each measured through the entry point the grains
// and the gateway call. Run them with bench/benchmarkdotnet.sh (a short job, every benchmark), or pick
// some: `dotnet run -c Release --project bench/OrleansStreams.Benchmarks -- --filter '*Range*'`.
BenchmarkSwitcher.FromAssembly(typeof(OrleansStreams.Benchmarks.Entries).Assembly).Run(args);
