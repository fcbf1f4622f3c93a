using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Model;

/// <summary>Per-neighbourhood state for a map of the town, read between ticks (never inside one).</summary>
/// <param name="Outcome">Mean well-being of the neighbourhood's residents over every domain, 0-100 (as the outcome index).</param>
/// <param name="Participation">Share of residents who co-produced this month (as the participation rate).</param>
/// <param name="Trust">Mean trust in public bodies, 0-1 (as trust_mean).</param>
/// <param name="Burnout">Share of residents burnt out (as burnout_rate).</param>
public sealed record NeighbourhoodState(double[] Outcome, double[] Participation, double[] Trust, double[] Burnout);

public sealed partial class CoProductionModel
{
    /// <summary>
    /// Changes the strategy in force from the next tick on, as a council changing course mid-way: citizens, services
    /// and trust carry on from where they are. Used by the explorer (<c>coprodsim serve</c>) between ticks; a batch run
    /// never calls it. Everything the constructor derives from the levers is derived again here, so the next month
    /// runs exactly as if the run had started with these levers in force from then on.
    /// </summary>
    /// <exception cref="ArgumentException">when <paramref name="levers"/> are not strategy levers or break a range or a rule.</exception>
    public void ChangeStrategy(ParameterValues levers)
    {
        if (!ReferenceEquals(levers.Section, StrategyLevers.Section)) throw new ArgumentException("not a set of strategy levers", nameof(levers));
        IReadOnlyList<ParameterError> errors = ParameterCatalog.Validate(_p with { Strategy = levers });
        if (errors.Count > 0)
            throw new ArgumentException("invalid levers: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")), nameof(levers));
        _levers = levers;
        _modeWeights = StrategyLevers.ModeWeights(_levers);
        _anyModeOpen = _modeWeights.Any(w => w > 0);
    }

    /// <summary>The strategy in force now (the scenario's, or the last <see cref="ChangeStrategy"/>).</summary>
    public ParameterValues Levers => _levers;

    /// <summary>
    /// Each neighbourhood's residents now: mean well-being, participation, trust and burnout, computed from the
    /// citizens' state as the town-wide metrics are (their population-weighted means are those metrics). One pass over
    /// the citizens, outside the tick, so the hot loop is untouched.
    /// </summary>
    public NeighbourhoodState DescribeNeighbourhoods()
    {
        var outcome = new double[_n];
        var participation = new double[_n];
        var trust = new double[_n];
        var burnout = new double[_n];
        for (int h = 0; h < _n; h++)
        {
            int start = _town.Starts[h], end = _town.Starts[h + 1];
            double wellbeing = 0, engaged = 0, trustSum = 0, burnt = 0;
            for (int i = start; i < end; i++)
            {
                double sum = 0;
                foreach (ref readonly CitizenDomain x in _c.DomainsOf(i)) sum += x.Wellbeing;
                wellbeing += sum / _d;
                ref readonly Citizen ci = ref _c.State[i];
                if (ci.EngagedMode >= 0) engaged++;
                trustSum += ci.Trust;
                if (ci.BurntOut) burnt++;
            }
            double n = Math.Max(1, end - start);
            outcome[h] = 100 * wellbeing / n;
            participation[h] = engaged / n;
            trust[h] = trustSum / n;
            burnout[h] = burnt / n;
        }
        return new NeighbourhoodState(outcome, participation, trust, burnout);
    }
}
