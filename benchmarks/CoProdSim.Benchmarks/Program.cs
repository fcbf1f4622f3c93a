using BenchmarkDotNet.Running;
using CoProdSim.Benchmarks.Schelling;

namespace CoProdSim.Benchmarks;

/// <summary>
/// Benchmarks entry point.
/// <c>dotnet run -c Release --project benchmarks/CoProdSim.Benchmarks -- --filter '*'</c> runs the
/// BenchmarkDotNet suites; <c>-- schelling large --runs 30 [--variant kept-counts]</c> times the Schelling yardstick directly
/// and <c>-- profile 1000000 10</c> times each phase of a tick (docs/performance.md).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "schelling") return SchellingCommand.Run(args[1..], Console.Out);
        if (args.Length > 0 && args[0] == "profile") return PhaseProfile.Run(args[1..], Console.Out);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
