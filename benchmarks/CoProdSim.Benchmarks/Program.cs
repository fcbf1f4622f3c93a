using BenchmarkDotNet.Running;

namespace CoProdSim.Benchmarks;

/// <summary>
/// Benchmarks entry point. <c>dotnet run -c Release --project benchmarks/CoProdSim.Benchmarks -- --filter '*'</c>
/// runs the BenchmarkDotNet suites (see docs/performance.md).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
