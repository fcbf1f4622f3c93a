using System.Globalization;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>Describes a scenario's plan in words.</summary>
internal static class Plan
{
    public static string Count(long n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    public static string Describe(Scenario s) =>
        $"{Count(s.Strategies.Count, "strategy").Replace("strategys", "strategies", StringComparison.Ordinal)} x {Count(s.Replications, "replication")}"
        + (s.Sweep is null ? "" : $" x {Count(s.PointCount, "sweep point")}")
        + $" = {Count(s.RunCount, "run")} of {Count(s.Model.Population[CoProdSim.Model.Parameters.PopulationParameters.Citizens], "citizen")} over {Count(s.Model.Horizon, "month")}";
}
