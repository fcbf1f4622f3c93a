using System.Diagnostics;
using System.Globalization;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Benchmarks;

/// <summary>
/// <c>profile [citizens] [months]</c>: times each phase of a four-cos tick on one thread, over the given months after
/// two of warm-up (docs/performance.md, "What limits the million-citizen run").
/// </summary>
public static class PhaseProfile
{
    /// <summary>Runs the profile; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        int citizens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int months = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var p = new ModelParameters { Strategy = StrategyPresets.FourCos }
            .With(PopulationParameters.Citizens, citizens)
            .With(PopulationParameters.Neighbourhoods, Math.Max(2, citizens / 5_000));
        var model = new CoProductionModel(p, 1, 1);
        double[] ms = new double[model.Phases.Count];
        for (int t = 1; t <= months + 2; t++)
        {
            var tick = new TickContext(t);
            for (int k = 0; k < model.Phases.Count; k++)
            {
                Phase phase = model.Phases[k];
                long start = Stopwatch.GetTimestamp();
                if (phase.IsPartitioned)
                    for (int q = 0; q < model.Partitions.Count; q++) phase.RunPartition(tick, model.Partitions[q]);
                else phase.RunSerial(tick);
                if (t > 2) ms[k] += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{citizens:N0} citizens, four-cos, one thread, mean of {months} months after 2 of warm-up:"));
        for (int k = 0; k < ms.Length; k++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Phases[k].Name,-24} {ms[k] / months,8:F1} ms per tick"));
        return 0;
    }
}
