using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Services;

namespace CoProdSim.Model;

/// <summary>The observation (docs/odd.md section 9): what is observed of each citizen, summed per partition in a fixed order, and the metrics row.</summary>
public sealed partial class CoProductionModel
{
    /// <summary>Mean need per (neighbourhood, domain) of the synthesised population, for the first plan.</summary>
    private void InitialMeanNeed()
    {
        double[] meanNeed = _observations.MeanNeed;
        for (int i = 0; i < _c.Count; i++)
        {
            int h = _c.Neighbourhood[i];
            for (int d = 0; d < _d; d++) meanNeed[h * _d + d] += _c.Need[i * _d + d];
        }
        for (int k = 0; k < meanNeed.Length; k++) meanNeed[k] /= Math.Max(1, _town.Population[k / _d]);
    }

    private void ObserveInitialState()
    {
        for (int p = 0; p < Partitions.Count; p++)
        {
            PartitionRange r = Partitions[p];
            Span<double> row = _observations.Sums.Row(p);
            for (int i = r.Start; i < r.End; i++)
            {
                int h = _c.Neighbourhood[i];
                double sum = 0;
                for (int d = 0; d < _d; d++)
                {
                    int k = i * _d + d;
                    double w = _c.Wellbeing[k];
                    sum += w;
                    row[_observations.WellbeingByDomain + d] += w;
                    row[_observations.NeedByCell + h * _d + d] += _c.Need[k];
                }
                ObserveCitizen(i, sum / _d, row);
            }
        }
        Summarise(new TickContext(0));
    }

    /// <summary>Observes what is not per domain; <paramref name="mean"/> is the citizen's mean well-being.</summary>
    private void ObserveCitizen(int i, double mean, Span<double> row)
    {
        Observations o = _observations;
        int q = _c.Quintile[i];
        row[o.WellbeingSum] += mean;
        row[o.WellbeingByQuintile + q] += mean;
        row[o.CountByQuintile + q] += 1;
        row[o.WellbeingBins + Math.Min(Observations.Bins - 1, (int)(mean * Observations.Bins))] += 1;
        sbyte mode = _c.EngagedMode[i];
        if (mode >= 0)
        {
            row[o.Engaged] += 1;
            row[o.EngagedByQuintile + q] += 1;
            row[o.EngagedByMode + mode] += 1;
            row[o.HoursSum] += _c.Hours[i];
            if (_c.Type[i] == BehaviouralType.ConditionalCooperator)
            {
                row[o.ConditionalEngaged] += 1;
                row[o.ConditionalHours] += _c.Hours[i];
            }
        }
        if (_c.BurntOut[i]) row[o.BurntOut] += 1;
        row[o.TrustSum] += _c.Trust[i];
        if (_c.CaringLoad[i] > 0)
        {
            row[o.Carers] += 1;
            if (_c.BurntOut[i]) row[o.CarersBurntOut] += 1;
        }
    }

    /// <summary>Serial end of tick: partition partials summed in partition order; need per neighbourhood for the next plan.</summary>
    private void Summarise(in TickContext tick) => _observations.Reduce(_town, _d);

    /// <inheritdoc />
    public void WriteMetrics(long tick, Span<double> values)
    {
        Observations o = _observations;
        double[] t = o.Totals;
        double n = _c.Count;
        var m = new MetricWriter(values, _metricNames);
        double outcome = 100 * t[o.WellbeingSum] / n;
        m.Set(MetricCatalog.OutcomeIndex, outcome);
        Span<double> byQ = stackalloc double[Town.Quintiles];
        for (int q = 0; q < Town.Quintiles; q++)
        {
            byQ[q] = t[o.CountByQuintile + q] > 0 ? 100 * t[o.WellbeingByQuintile + q] / t[o.CountByQuintile + q] : double.NaN;
            m.Set(MetricCatalog.OutcomeQuintile(q + 1), byQ[q]);
        }
        m.Set(MetricCatalog.OutcomeGap, byQ[4] - byQ[0]);
        m.Set(MetricCatalog.OutcomeGini, Gini(t.AsSpan(o.WellbeingBins, Observations.Bins)));
        for (int d = 0; d < _d; d++) m.Set(MetricCatalog.OutcomeDomain(_p.Domains[d].Name), 100 * t[o.WellbeingByDomain + d] / n);
        double hours = t[o.HoursSum];
        double value = hours * _p.Behaviour[BehaviourParameters.ShadowWage];
        double publicCost = _plan.PublicCost;
        m.Set(MetricCatalog.PublicCost, publicCost);
        m.Set(MetricCatalog.SupportSpend, _plan.SupportSpend);
        m.Set(MetricCatalog.CitizenHours, hours);
        m.Set(MetricCatalog.CitizenValue, value);
        // Outcome points per GBP per resident-month; both forms, since agency-only efficiency is biased when
        // citizens co-determine outcomes (De Witte & Geys 2013).
        m.Set(MetricCatalog.EfficiencyPublic, publicCost > 0 ? outcome / (publicCost / n) : double.NaN);
        m.Set(MetricCatalog.EfficiencyTotal, publicCost + value > 0 ? outcome / ((publicCost + value) / n) : double.NaN);
        m.Set(MetricCatalog.ParticipationRate, t[o.Engaged] / n);
        Span<double> partQ = stackalloc double[Town.Quintiles];
        for (int q = 0; q < Town.Quintiles; q++)
        {
            partQ[q] = t[o.CountByQuintile + q] > 0 ? t[o.EngagedByQuintile + q] / t[o.CountByQuintile + q] : double.NaN;
            m.Set(MetricCatalog.ParticipationQuintile(q + 1), partQ[q]);
        }
        for (int mode = 0; mode < Names.Modes.Length; mode++) m.Set(MetricCatalog.ParticipationMode(Names.Modes[mode]), t[o.EngagedByMode + mode] / n);
        m.Set(MetricCatalog.Representativeness, partQ[4] > 0 ? partQ[0] / partQ[4] : double.NaN);
        m.Set(MetricCatalog.BurnoutRate, t[o.BurntOut] / n);
        m.Set(MetricCatalog.CarerBurnoutRate, t[o.Carers] > 0 ? t[o.CarersBurntOut] / t[o.Carers] : 0);
        m.Set(MetricCatalog.TrustMean, t[o.TrustSum] / n);
        m.Set(MetricCatalog.CommunityGroups, _services.GroupCount);
        m.Set(MetricCatalog.HoursPerConditionalCooperator, t[o.ConditionalEngaged] > 0 ? t[o.ConditionalHours] / t[o.ConditionalEngaged] : double.NaN);
        double fit = 0;
        foreach (double f in _services.Fit) fit += f;
        m.Set(MetricCatalog.ServiceFit, fit / _services.Fit.Length);
        m.Set(MetricCatalog.RespiteHours, _plan.RespiteHours);
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
