using System.Runtime.CompilerServices;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Services;

namespace CoProdSim.Model;

/// <summary>The observation (docs/odd.md section 9): what is observed of each citizen, summed per partition in a fixed order, and the metrics row.</summary>
public sealed partial class CoProductionModel
{
    private double _discountedCost, _discountedQalys;

    /// <summary>Observes every citizen as they are (the initial state), replacing what was observed before.</summary>
    private void ObserveInitialState()
    {
        _observations.Sums.Clear();
        double replacement = _p.Behaviour[BehaviourParameters.ReplacementShare];
        for (int p = 0; p < Partitions.Count; p++)
        {
            PartitionRange r = Partitions[p];
            Span<double> row = _observations.Sums.Row(p);
            for (int i = r.Start; i < r.End; i++)
            {
                ref Citizen ci = ref _c.State[i];
                int cellBase = ci.Neighbourhood * _d * Town.Quintiles + ci.Quintile;
                double sum = 0;
                Span<CitizenDomain> own = _c.DomainsOf(i);
                for (int d = 0; d < _d; d++)
                {
                    double w = own[d].Wellbeing;
                    sum += w;
                    row[_observations.WellbeingByDomain + d] += w;
                    row[_observations.NeedByCell + cellBase + d * Town.Quintiles] += own[d].Need;
                }
                // Paid care already replaces part of the care of carers burnt out at the start (settled fatigue).
                if (ci.BurntOut) row[_observations.ReplacementHours] += replacement * ci.CaringLoad;
                ObserveCitizen(ref ci, 0, sum / _d, row);
            }
        }
        Summarise(new TickContext(0));
    }

    /// <summary>
    /// Observes what is not per domain of citizen <paramref name="c"/> in month <paramref name="month"/>; <paramref name="mean"/> is the citizen's mean
    /// well-being. Inlined into the outcomes loop, where it runs once per citizen a month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ObserveCitizen(ref readonly Citizen c, int month, double mean, Span<double> row)
    {
        Observations o = _observations;
        int q = c.Quintile, h = c.Neighbourhood, fifth = _town.DeprivationFifth[h];
        row[o.WellbeingSum] += mean;
        row[o.WellbeingByQuintile + q] += mean;
        row[o.CountByQuintile + q] += 1;
        row[o.CountByDeprivation + fifth] += 1;
        row[o.WellbeingBins + Math.Min(Observations.Bins - 1, (int)(mean * Observations.Bins))] += 1;
        row[o.Utility] += _utilityAtZero + (1 - _utilityAtZero) * mean;
        row[o.TrustByHood + h] += c.Trust;
        bool older = c.Older;
        if (older) row[o.Older] += 1;
        sbyte mode = c.EngagedMode;
        if (mode >= 0)
        {
            row[o.Engaged] += 1;
            row[o.EngagedByQuintile + q] += 1;
            row[o.EngagedByDeprivation + fifth] += 1;
            row[o.EngagedByMode + mode] += 1;
            row[o.HoursSum] += c.Hours;
            if (older) row[o.EngagedOlder] += 1;
            if (c.Type == BehaviouralType.ConditionalCooperator)
            {
                row[o.ConditionalEngaged] += 1;
                row[o.ConditionalHours] += c.Hours;
            }
        }
        if (month - c.LastEngaged < Coefficients.Year) row[o.EngagedYear] += 1;
        double yearly = c.HoursYear;
        if (yearly > 0)
        {
            row[o.HoursYearSum] += yearly;
            row[o.HoursYearBins + Math.Min(Observations.HourBins - 1, (int)(yearly / Observations.HourBinWidth))] += 1;
        }
        if (c.BurntOut) row[o.BurntOut] += 1;
        row[o.TrustSum] += c.Trust;
        if (c.CaringLoad > 0)
        {
            row[o.Carers] += 1;
            row[o.CarerWellbeing] += mean;
            if (c.BurntOut) row[o.CarersBurntOut] += 1;
        }
    }

    /// <summary>
    /// Serial end of tick: partition partials summed in partition order; need and trust per neighbourhood for the next
    /// month; the month's public cost and QALYs added to their discounted sums (3.5% a year from month 1, the NICE
    /// reference case), for incremental cost per QALY against a baseline strategy.
    /// </summary>
    private void Summarise(in TickContext tick)
    {
        _observations.Reduce(_town, _d);
        if (tick.Tick <= 0) return;
        double discount = Math.Pow(1 + Coefficients.AnnualDiscount, -(tick.Tick - 1) / (double)Coefficients.Year);
        _discountedCost += discount * PublicCostThisMonth();
        _discountedQalys += discount * QalysThisMonth();
    }

    /// <summary>Paid care that replaced burnt-out carers' care this month, GBP.</summary>
    private double ReplacementCareCost() => _observations.Totals[_observations.ReplacementHours] * _plan.CareHourCost;

    /// <summary>Public spending this month: services, support and invitations (net of charges and donations), and replacement care.</summary>
    private double PublicCostThisMonth() => _plan.PublicCost + ReplacementCareCost();

    /// <summary>QALYs accrued by all citizens this month.</summary>
    private double QalysThisMonth() => _observations.Totals[_observations.Utility] / Coefficients.Year;

    private string[]? _outcomeDomainNames; // built at the first write, not every tick

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
            m.Set(MetricCatalog.OutcomeQuintiles[q], byQ[q]);
        }
        m.Set(MetricCatalog.OutcomeGap, byQ[4] - byQ[0]);
        m.Set(MetricCatalog.OutcomeGini, Gini(t.AsSpan(o.WellbeingBins, Observations.Bins)));
        _outcomeDomainNames ??= [.. _p.Domains.Select(d => MetricCatalog.OutcomeDomain(d.Name))];
        for (int d = 0; d < _d; d++) m.Set(_outcomeDomainNames[d], 100 * t[o.WellbeingByDomain + d] / n);
        double carers = t[o.Carers];
        m.Set(MetricCatalog.OutcomeCarers, carers > 0 ? 100 * t[o.CarerWellbeing] / carers : double.NaN);
        m.Set(MetricCatalog.OutcomeNonCarers, n > carers ? 100 * (t[o.WellbeingSum] - t[o.CarerWellbeing]) / (n - carers) : double.NaN);
        m.Set(MetricCatalog.NeedMet, _plan.AssessedHours > 0 ? _plan.ServedHours / _plan.AssessedHours : 1);
        m.Set(MetricCatalog.WaitingHours, _plan.WaitingHours);
        double hours = t[o.HoursSum];
        double value = hours * _p.Behaviour[BehaviourParameters.ShadowWage];
        double replacementCost = ReplacementCareCost();
        double publicCost = PublicCostThisMonth();
        double totalCost = publicCost + _plan.ChargesPaid + _plan.DonationsSpent + value;
        m.Set(MetricCatalog.PublicCost, publicCost);
        m.Set(MetricCatalog.SupportSpend, _plan.SupportSpend);
        m.Set(MetricCatalog.ReplacementCareCost, replacementCost);
        m.Set(MetricCatalog.ChargesPaid, _plan.ChargesPaid);
        m.Set(MetricCatalog.Donations, _plan.DonationsSpent);
        m.Set(MetricCatalog.UnspentBudget, _plan.Unspent);
        m.Set(MetricCatalog.CitizenHours, hours);
        m.Set(MetricCatalog.CitizenValue, value);
        m.Set(MetricCatalog.TotalCost, totalCost);
        // Outcome points per GBP per resident-month; both forms, since agency-only efficiency is biased when
        // citizens co-determine outcomes (De Witte & Geys 2013). Total cost counts users' charges and donations too:
        // citizens' money is not free.
        m.Set(MetricCatalog.EfficiencyPublic, publicCost > 0 ? outcome / (publicCost / n) : double.NaN);
        m.Set(MetricCatalog.EfficiencyTotal, totalCost > 0 ? outcome / (totalCost / n) : double.NaN);
        m.Set(MetricCatalog.Qalys, QalysThisMonth());
        m.Set(MetricCatalog.DiscountedCost, _discountedCost);
        m.Set(MetricCatalog.DiscountedQalys, _discountedQalys);
        m.Set(MetricCatalog.ParticipationRate, t[o.Engaged] / n);
        m.Set(MetricCatalog.ParticipationYear, t[o.EngagedYear] / n);
        Span<double> partQ = stackalloc double[Town.Quintiles];
        for (int q = 0; q < Town.Quintiles; q++)
        {
            partQ[q] = t[o.CountByQuintile + q] > 0 ? t[o.EngagedByQuintile + q] / t[o.CountByQuintile + q] : double.NaN;
            m.Set(MetricCatalog.ParticipationQuintiles[q], partQ[q]);
        }
        double older = t[o.Older];
        m.Set(MetricCatalog.ParticipationOlder, older > 0 ? t[o.EngagedOlder] / older : double.NaN);
        m.Set(MetricCatalog.ParticipationYounger, n > older ? (t[o.Engaged] - t[o.EngagedOlder]) / (n - older) : double.NaN);
        double most = t[o.CountByDeprivation + Town.Quintiles - 1], least = t[o.CountByDeprivation];
        m.Set(MetricCatalog.ParticipationMostDeprived, most > 0 ? t[o.EngagedByDeprivation + Town.Quintiles - 1] / most : double.NaN);
        m.Set(MetricCatalog.ParticipationLeastDeprived, least > 0 ? t[o.EngagedByDeprivation] / least : double.NaN);
        for (int mode = 0; mode < (int)Mode.Community; mode++) m.Set(MetricCatalog.ParticipationModes[mode], t[o.EngagedByMode + mode] / n);
        // Co-delivery is its two sub-types together.
        m.Set(MetricCatalog.ParticipationModes[(int)Mode.Community], t[o.EngagedByMode + (int)Mode.Community] / n);
        m.Set(MetricCatalog.ParticipationCoDelivery, (t[o.EngagedByMode + (int)Mode.CoManaging] + t[o.EngagedByMode + (int)Mode.CoPerforming]) / n);
        m.Set(MetricCatalog.Representativeness, partQ[4] > 0 ? partQ[0] / partQ[4] : double.NaN);
        m.Set(MetricCatalog.HoursShareTopThird, o.TopThirdHoursShare(_c.Count));
        m.Set(MetricCatalog.BurnoutRate, t[o.BurntOut] / n);
        m.Set(MetricCatalog.CarerBurnoutRate, carers > 0 ? t[o.CarersBurntOut] / carers : double.NaN);
        m.Set(MetricCatalog.TrustMean, t[o.TrustSum] / n);
        m.Set(MetricCatalog.CommunityGroups, _services.GroupCount);
        m.Set(MetricCatalog.HoursPerConditionalCooperator, t[o.ConditionalEngaged] > 0 ? t[o.ConditionalHours] / t[o.ConditionalEngaged] : double.NaN);
        double fit = 0;
        foreach (double f in _services.Fit) fit += f;
        m.Set(MetricCatalog.ServiceFit, fit / _services.Fit.Length);
        m.Set(MetricCatalog.RespiteHours, _plan.RespiteHours);
        double openness = 0;
        foreach (double x in _plan.Openness) openness += x;
        m.Set(MetricCatalog.ProfessionalOpenness, openness / _plan.Openness.Length);
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
