using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ClauseDesk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
