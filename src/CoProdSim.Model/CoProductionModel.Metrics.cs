using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Model;

/// <summary>Step 7: what is observed of each citizen, reduced per partition in a fixed order, and the metrics row.</summary>
public sealed partial class CoProductionModel
{
    private const int Bins = 1000; // Gini from a 1000-bin histogram of well-being: exact to 0.001, and O(1) memory per partition.
    private const int WbSum = 0, WbByQuintile = 1, CountByQuintile = 6, EngagedByQuintile = 11, Engaged = 16, EngagedByMode = 17,
        HoursSum = 21, BurntOutCount = 22, TrustSum = 23, CarerCount = 24, CarerBurntOut = 25, ConditionalEngaged = 26, ConditionalHours = 27, Fixed = 28;
    private PartialSums _observations = null!;
    private double[] _totals = [];
    private int _domainBase, _needBase, _binBase;
    private string[] _metricNames = [];

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames => _metricNames;

    private void InitialiseMetrics()
    {
        _domainBase = Fixed;
        _needBase = _domainBase + _d;
        _binBase = _needBase + _n * _d;
        _observations = new PartialSums(Partitions.Count, _binBase + Bins);
        _totals = new double[_observations.Width];
        _metricNames = MetricCatalog.Names(_p.Domains.Select(d => d.Name).ToArray());
    }

    private void ObserveInitialState()
    {
        for (int p = 0; p < Partitions.Count; p++)
        {
            PartitionRange r = Partitions[p];
            Span<double> row = _observations.Row(p);
            for (int i = r.Start; i < r.End; i++) Observe(i, row);
        }
        Summarise(new TickContext(0));
    }

    /// <summary>Observes everything of citizen <paramref name="i"/> (the initial state).</summary>
    private void Observe(int i, Span<double> row)
    {
        int h = _c.Neighbourhood[i];
        double sum = 0;
        for (int d = 0; d < _d; d++)
        {
            int k = i * _d + d;
            double w = _c.Wellbeing[k];
            sum += w;
            row[_domainBase + d] += w;
            row[_needBase + h * _d + d] += _c.Need[k];
        }
        ObserveCitizen(i, sum / _d, row);
    }

    /// <summary>Observes what is not per domain; <paramref name="mean"/> is the citizen's mean well-being.</summary>
    private void ObserveCitizen(int i, double mean, Span<double> row)
    {
        int q = _c.Quintile[i];
        row[WbSum] += mean;
        row[WbByQuintile + q - 1] += mean;
        row[CountByQuintile + q - 1] += 1;
        row[_binBase + Math.Min(Bins - 1, (int)(mean * Bins))] += 1;
        sbyte mode = _c.EngagedMode[i];
        if (mode >= 0)
        {
            row[Engaged] += 1;
            row[EngagedByQuintile + q - 1] += 1;
            row[EngagedByMode + mode] += 1;
            row[HoursSum] += _c.Hours[i];
            if (_c.Type[i] == BehaviouralType.ConditionalCooperator)
            {
                row[ConditionalEngaged] += 1;
                row[ConditionalHours] += _c.Hours[i];
            }
        }
        if (_c.BurntOut[i]) row[BurntOutCount] += 1;
        row[TrustSum] += _c.Trust[i];
        if (_c.CaringLoad[i] > 0)
        {
            row[CarerCount] += 1;
            if (_c.BurntOut[i]) row[CarerBurntOut] += 1;
        }
    }

    /// <summary>Serial end of tick: partition partials summed in partition order; need per neighbourhood for the next plan.</summary>
    private void Summarise(in TickContext tick)
    {
        _observations.ReduceInto(_totals);
        for (int h = 0; h < _n; h++)
            for (int d = 0; d < _d; d++)
                _meanNeed[h * _d + d] = _totals[_needBase + h * _d + d] / Math.Max(1, _hoodPopulation[h]);
    }

    /// <inheritdoc />
    public void WriteMetrics(long tick, Span<double> values)
    {
        double[] t = _totals;
        double n = _c.Count;
        var m = new MetricWriter(values, _metricNames);
        double outcome = 100 * t[WbSum] / n;
        m.Set(MetricCatalog.OutcomeIndex, outcome);
        Span<double> byQ = stackalloc double[5];
        for (int q = 0; q < 5; q++)
        {
            byQ[q] = t[CountByQuintile + q] > 0 ? 100 * t[WbByQuintile + q] / t[CountByQuintile + q] : double.NaN;
            m.Set(MetricCatalog.OutcomeQuintile(q + 1), byQ[q]);
        }
        m.Set(MetricCatalog.OutcomeGap, byQ[4] - byQ[0]);
        m.Set(MetricCatalog.OutcomeGini, Gini(t.AsSpan(_binBase, Bins)));
        for (int d = 0; d < _d; d++) m.Set(MetricCatalog.OutcomeDomain(_p.Domains[d].Name), 100 * t[_domainBase + d] / n);
        double hours = t[HoursSum];
        double value = hours * _p.Behaviour.ShadowWage;
        m.Set(MetricCatalog.PublicCost, _publicCost);
        m.Set(MetricCatalog.SupportSpend, _supportSpend);
        m.Set(MetricCatalog.CitizenHours, hours);
        m.Set(MetricCatalog.CitizenValue, value);
        // Outcome points per GBP per resident-month; both forms, since agency-only efficiency is biased when
        // citizens co-determine outcomes (De Witte & Geys 2013).
        m.Set(MetricCatalog.EfficiencyPublic, _publicCost > 0 ? outcome / (_publicCost / n) : double.NaN);
        m.Set(MetricCatalog.EfficiencyTotal, _publicCost + value > 0 ? outcome / ((_publicCost + value) / n) : double.NaN);
        m.Set(MetricCatalog.ParticipationRate, t[Engaged] / n);
        Span<double> partQ = stackalloc double[5];
        for (int q = 0; q < 5; q++)
        {
            partQ[q] = t[CountByQuintile + q] > 0 ? t[EngagedByQuintile + q] / t[CountByQuintile + q] : double.NaN;
            m.Set(MetricCatalog.ParticipationQuintile(q + 1), partQ[q]);
        }
        for (int mode = 0; mode < 4; mode++) m.Set(MetricCatalog.ParticipationMode(Names.Modes[mode]), t[EngagedByMode + mode] / n);
        m.Set(MetricCatalog.Representativeness, partQ[4] > 0 ? partQ[0] / partQ[4] : double.NaN);
        m.Set(MetricCatalog.BurnoutRate, t[BurntOutCount] / n);
        m.Set(MetricCatalog.CarerBurnoutRate, t[CarerCount] > 0 ? t[CarerBurntOut] / t[CarerCount] : 0);
        m.Set(MetricCatalog.TrustMean, t[TrustSum] / n);
        m.Set(MetricCatalog.CommunityGroups, _groupCount);
        m.Set(MetricCatalog.HoursPerConditionalCooperator, t[ConditionalEngaged] > 0 ? t[ConditionalHours] / t[ConditionalEngaged] : double.NaN);
        double fit = 0;
        foreach (double f in _fit) fit += f;
        m.Set(MetricCatalog.ServiceFit, fit / _fit.Length);
        m.Set(MetricCatalog.RespiteHours, _respiteHours);
    }

    /// <summary>Gini coefficient of values binned on [0, 1) (bin centres), from sorted-rank form: G = 2 sum(i x_i) / (n sum x) - (n + 1) / n.</summary>
    internal static double Gini(ReadOnlySpan<double> counts)
    {
        double n = 0, sum = 0, ranked = 0;
        int bins = counts.Length;
        for (int k = 0; k < bins; k++)
        {
            double c = counts[k];
            if (c == 0) continue;
            double x = (k + 0.5) / bins;
            // Ranks n+1 .. n+c share value x: their rank sum is c*n + c(c+1)/2.
            ranked += x * (c * n + c * (c + 1) / 2);
            n += c;
            sum += x * c;
        }
        return n > 0 && sum > 0 ? 2 * ranked / (n * sum) - (n + 1) / n : 0;
    }
}
