using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Services;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>
/// The outcomes-and-feedback phase (docs/odd.md 7.6, 7.7): well-being, need and risk; fatigue, burnout and the care
/// that replaces a burnt-out carer's; efficacy, warm glow, expectations and trust; and each citizen's observation.
/// Writes the rest of <see cref="Citizens"/> and <see cref="Observations"/>.
/// </summary>
public sealed partial class CoProductionModel
{
    // Compiled fully optimised at its first call, not through tiering: this loop runs once per partition a tick, so
    // its first ticks would run unoptimised code and then on-stack-replacement code; measured, it is also as fast as
    // or faster than the tiered code (docs/performance.md, "Layout and the hot loops").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OutcomesAndFeedback(in TickContext tick, PartitionRange range)
    {
        Observations obs = _observations;
        Span<double> row = obs.Sums.Row(range.Partition);
        row.Clear();
        ParameterValues b = _p.Behaviour, s = _levers;
        int domains = _d, month = (int)tick.Tick;
        double lambda = b[BehaviourParameters.Adjustment], delta = b[BehaviourParameters.Decay], half = b[BehaviourParameters.HalfSaturation];
        double own = b[BehaviourParameters.OwnBenefit], prevention = b[BehaviourParameters.Prevention], deterioration = b[BehaviourParameters.Deterioration];
        double sustainable = b[BehaviourParameters.SustainableHours], fatigueGain = b[BehaviourParameters.FatigueGain], fatigueRecovery = b[BehaviourParameters.FatigueRecovery];
        double turnover = b[BehaviourParameters.CaringTurnover];
        double replacement = b[BehaviourParameters.ReplacementShare], strainPerHour = b[BehaviourParameters.CaringStrain] / (2 * b[BehaviourParameters.SustainableHours]);
        double trustGain = b[BehaviourParameters.TrustGain], trustLoss = b[BehaviourParameters.TrustLoss];
        double adaptation = b[BehaviourParameters.ExpectationAdaptation], noticeable = b[BehaviourParameters.NoticeableChange];
        double glowGain = b[BehaviourParameters.WarmGlowGain], glowDecay = b[BehaviourParameters.WarmGlowDecay];
        double recognition = s[StrategyLevers.Recognition], respitePerHour = _plan.RespitePerCaringHour;
        double[] output = _services.Output, outputChange = _services.OutputChange, coAssessment = _services.CoAssessment, unmet = _plan.UnmetShare;
        // What each neighbourhood's residents perceive of their services, computed once in production.
        double[] relief = _services.ReliefPerCaringHour, perceived = _services.Perceived;
        // The hot loop reads a citizen's record through one reference and the few arrays it needs through locals.
        StreamSeed streams = _streams;
        Citizens c = _c;
        Citizen[] state = c.State;
        CitizenDomain[] byDomain = c.ByDomain;
        sbyte[] previousMode = c.EngagedModePrevious;
        var rates = new DomainRates(own * OwnBenefitSkillScale, half, lambda, delta, deterioration, _eventsPerRisk);
        int wellbeingByDomain = obs.WellbeingByDomain, needByCell = obs.NeedByCell;
        // Four domains (the default) are updated as the four lanes of a vector where the processor has them.
        bool fourLanes = domains == 4 && Avx.IsSupported && !ScalarDomains;
        int span = (domains - 1) * Town.Quintiles + 1;   // a citizen's cells: one per domain, Quintiles apart
        for (int i = range.Start; i < range.End; i++)
        {
            ref Citizen ci = ref state[i];
            int h = ci.Neighbourhood;
            int q = ci.Quintile;
            sbyte mode = ci.EngagedMode;
            bool engaged = mode >= 0;
            // Co-delivery (either sub-type), co-design and community activity are the regular roles that build experience.
            bool coProduced = mode == (sbyte)Mode.CoManaging || mode == (sbyte)Mode.CoPerforming || mode == (sbyte)Mode.CoDesign || mode == (sbyte)Mode.Community;
            double r = ci.Risk;
            bool wasBurntOut = ci.BurntOut;
            // Burnout, and caring itself in proportion to its hours, lower what well-being can reach.
            double burnoutHarm = (wasBurntOut ? BurnoutHarm : 0) + strainPerHour * ci.CaringLoad;
            // Both of the citizen's streams this month (harmful events; a carer's spell) share the chain to (seed, citizen, tick).
            ulong entityTick = streams.EntityTick(i, tick.Tick);
            var rng = new RandomStream(StreamSeed.Key(entityTick, Purposes.Incidence));
            ci.Experience = (float)Learning.Experience(ci.Experience, coProduced);
            // Co-performing (self-management, following a care plan) is learnt over months and kept as slowly.
            double selfCare = Learning.Experience(ci.SelfManagement, mode == (sbyte)Mode.CoPerforming);
            ci.SelfManagement = (float)selfCare;
            int cellBase = h * domains * Town.Quintiles + q;
            Span<CitizenDomain> ownDomains = byDomain.AsSpan(i * domains, domains);
            Span<double> wellbeingRow = row.Slice(wellbeingByDomain, domains), needRow = row.Slice(needByCell + cellBase, span);
            ReadOnlySpan<double> delivered = output.AsSpan(cellBase, span), waiting = unmet.AsSpan(cellBase, span);
            double wellbeingSum = fourLanes
                ? FourDomains(rates, ownDomains, delivered, waiting, wellbeingRow, needRow, ref rng, selfCare, burnoutHarm, r)
                : EachDomain(rates, ownDomains, delivered, waiting, wellbeingRow, needRow, ref rng, selfCare, burnoutHarm, r);
            if (coProduced) ci.Risk = (float)Learning.Prevented(r, prevention);

            // Fatigue from caring and co-production, relieved by respite and by co-producers' relief; a burnt-out
            // carer stops co-producing and part of their care is taken over by paid care.
            double load = ci.CaringLoad, replaced = wasBurntOut ? replacement * load : 0;
            double f = Fatigue.Update(ci.Fatigue, ci.Hours, load - replaced, (respitePerHour + relief[h]) * load, sustainable, fatigueGain, fatigueRecovery);
            bool burnt = Fatigue.BurntOut(wasBurntOut, f, ci.BurnoutThreshold);
            // Caring spells end and others begin (a third of carers a year): the role passes to a new spell of the
            // same load, which starts rested. Drawn from its own stream, so it does not shift the harmful events' draws.
            if (load > 0 && turnover > 0 && new RandomStream(StreamSeed.Key(entityTick, Purposes.CaringSpell)).NextDouble() < turnover)
            {
                f = 0;
                burnt = false;
            }
            ci.Fatigue = (float)f;
            ci.BurntOut = burnt;
            row[obs.ReplacementHours] += replaced;

            if (engaged)
            {
                ci.Efficacy = (float)Learning.Efficacy(ci.Efficacy, outputChange[h] >= 0);
                ci.WarmGlow = (float)Learning.WarmGlow(ci.WarmGlow, recognition, glowGain, glowDecay);
            }
            // Trust: the service this citizen perceives their neighbourhood's services give (the share of need met, as
            // well as it fits) against what they expected, and how they were treated.
            double experienced = perceived[h], expected = ci.Expectation;
            double signal = Perception.Signal(experienced, expected, noticeable, coAssessment[h], engaged, recognition);
            if (signal != 0) ci.Trust = (float)Trust.Update(ci.Trust, signal, trustGain, trustLoss);
            ci.Expectation = (float)Perception.Expectation(expected, experienced, adaptation);
            ci.HoursYear = (float)Learning.YearlyHours(ci.HoursYear, ci.Hours);

            previousMode[i] = mode;
            ObserveCitizen(ref ci, month, wellbeingSum / domains, row);
        }
    }

    /// <summary>For tests: update the domains one by one even where the four-lane path would be taken.</summary>
    internal bool ScalarDomains { get; set; }

    /// <summary>
    /// What the per-domain update of the outcomes phase takes that is the same for every citizen of a month: own
    /// benefit times its scale (multiplied out once: the product with skill and self-care is then the same), the
    /// half-saturation constant, the adjustment and decay rates of well-being, the worsening of waiting need, and the
    /// harmful events a month per unit of risk in each domain.
    /// </summary>
    internal readonly record struct DomainRates(double OwnScale, double Half, double Lambda, double Delta, double Deterioration, double[] EventsPerRisk);

    /// <summary>
    /// The per-domain update of one citizen (docs/odd.md 7.6), one domain after another. <paramref name="own"/> are the
    /// citizen's domain records; <paramref name="output"/> and <paramref name="unmet"/> start at the citizen's cell of
    /// the first domain, the next domain's cell <see cref="Town.Quintiles"/> further on, as does
    /// <paramref name="needRow"/> (the partition's need sums); <paramref name="wellbeingRow"/> is the partition's
    /// well-being sum per domain. Returns the sum of the citizen's new well-being over domains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double EachDomain(in DomainRates k, Span<CitizenDomain> own, ReadOnlySpan<double> output, ReadOnlySpan<double> unmet,
        Span<double> wellbeingRow, Span<double> needRow, ref RandomStream rng, double selfCare, double burnoutHarm, double r)
    {
        double wellbeingSum = 0, riskFactor = Wellbeing.RiskFactor(r);
        for (int d = 0; d < own.Length; d++)
        {
            ref CitizenDomain x = ref own[d];
            int g = d * Town.Quintiles;
            // Well-being moves toward what services deliver against this citizen's need (coverage), decays, and
            // is hit by harmful events whose rate rises with risk behaviour. Skilled citizens who have learnt to
            // manage their own part of their services by co-performing draw more from them (self-management:
            // Kennedy et al. 2007). Need left unmet gets worse.
            double delivered = output[g] * (1 + k.OwnScale * x.Skill * selfCare);
            double need = x.Need;
            double coverage = Wellbeing.Coverage(delivered, need, k.Half);
            double w = x.Wellbeing;
            w += k.Lambda * (coverage - burnoutHarm - w) - k.Delta * w;
            double p = k.EventsPerRisk[d] * r;
            if (p > 0 && rng.NextDouble() < p)
            {
                w -= HarmToWellbeing;
                need += HarmToNeed;
            }
            need += NeedAdjustment * (Wellbeing.NeedAtRiskFactor(x.NeedBase, riskFactor) - need) + k.Deterioration * unmet[g];
            w = Math.Clamp(w, 0, 1);
            need = Math.Clamp(need, 0, 1);
            x.Wellbeing = (float)w;
            x.Need = (float)need;
            // Observation of the domain part, while the values are at hand.
            wellbeingSum += (float)w;
            wellbeingRow[d] += (float)w;
            needRow[g] += (float)need;
        }
        return wellbeingSum;
    }

    /// <summary>
    /// <see cref="EachDomain"/> for exactly four domains (the default), the domains as the four lanes of a
    /// <see cref="Vector256{T}"/>: about a ninth of the outcomes phase's time off (docs/performance.md, "Layout and the
    /// hot loops"). Each lane does the scalar update's operations in its order (IEEE addition, multiplication, division and
    /// conversion give the same in a lane as alone, and the JIT fuses none into a multiply-add); the clamps are maxpd
    /// and minpd with 0 and 1 as first operands, which return the value itself for -0 and NaN as Math.Clamp does; and
    /// what must stay in order stays scalar: the harmful-event draws, in domain order and only where the rate is
    /// positive, and the sum of well-being. The results are bit for bit those of <see cref="EachDomain"/> (tests).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double FourDomains(in DomainRates k, Span<CitizenDomain> own, ReadOnlySpan<double> output, ReadOnlySpan<double> unmet,
        Span<double> wellbeingRow, Span<double> needRow, ref RandomStream rng, double selfCare, double burnoutHarm, double r)
    {
        const int Q = Town.Quintiles;
        ref CitizenDomain x0 = ref own[0], x1 = ref own[1], x2 = ref own[2], x3 = ref own[3];
        Vector256<double> zero = Vector256<double>.Zero, one = Vector256<double>.One;
        var skill = Vector256.Create((double)x0.Skill, x1.Skill, x2.Skill, x3.Skill);
        var needBase = Vector256.Create((double)x0.NeedBase, x1.NeedBase, x2.NeedBase, x3.NeedBase);
        var need = Vector256.Create((double)x0.Need, x1.Need, x2.Need, x3.Need);
        var w = Vector256.Create((double)x0.Wellbeing, x1.Wellbeing, x2.Wellbeing, x3.Wellbeing);
        var delivered = Vector256.Create(output[0], output[Q], output[2 * Q], output[3 * Q])
            * (one + Vector256.Create(k.OwnScale) * skill * Vector256.Create(selfCare));
        var coverage = delivered / (delivered + Vector256.Create(k.Half) * need);
        w += Vector256.Create(k.Lambda) * (coverage - Vector256.Create(burnoutHarm) - w) - Vector256.Create(k.Delta) * w;
        Vector256<long> struck = Vector256<long>.Zero;
        bool any = false;
        for (int d = 0; d < 4; d++)
        {
            double p = k.EventsPerRisk[d] * r;
            if (p > 0 && rng.NextDouble() < p)
            {
                struck = struck.WithElement(d, -1L);
                any = true;
            }
        }
        if (any)
        {
            w = Vector256.ConditionalSelect(struck.AsDouble(), w - Vector256.Create(HarmToWellbeing), w);
            need = Vector256.ConditionalSelect(struck.AsDouble(), need + Vector256.Create(HarmToNeed), need);
        }
        var needAtRisk = Avx.Min(one, Avx.Max(zero, needBase * Vector256.Create(Wellbeing.RiskFactor(r))));
        need += Vector256.Create(NeedAdjustment) * (needAtRisk - need)
            + Vector256.Create(k.Deterioration) * Vector256.Create(unmet[0], unmet[Q], unmet[2 * Q], unmet[3 * Q]);
        w = Avx.Min(one, Avx.Max(zero, w));
        need = Avx.Min(one, Avx.Max(zero, need));
        Vector128<float> wf = Avx.ConvertToVector128Single(w), nf = Avx.ConvertToVector128Single(need);
        x0.Wellbeing = wf.GetElement(0);
        x1.Wellbeing = wf.GetElement(1);
        x2.Wellbeing = wf.GetElement(2);
        x3.Wellbeing = wf.GetElement(3);
        x0.Need = nf.GetElement(0);
        x1.Need = nf.GetElement(1);
        x2.Need = nf.GetElement(2);
        x3.Need = nf.GetElement(3);
        Vector256<double> wd = Avx.ConvertToVector256Double(wf), nd = Avx.ConvertToVector256Double(nf);
        (Vector256.Create<double>(wellbeingRow) + wd).CopyTo(wellbeingRow);
        needRow[0] += nd.GetElement(0);
        needRow[Q] += nd.GetElement(1);
        needRow[2 * Q] += nd.GetElement(2);
        needRow[3 * Q] += nd.GetElement(3);
        return 0 + wd.GetElement(0) + wd.GetElement(1) + wd.GetElement(2) + wd.GetElement(3);
    }

    /// <summary>
    /// Citizens' well-being and expectations at the start: the steady state of the dynamics under the services
    /// planned for month 0, from the same functions the outcomes phase uses, so a run shows strategies' effects, not a
    /// warm-up.
    /// </summary>
    private void InitialiseWellbeing()
    {
        ParameterValues b = _p.Behaviour;
        double lambda = b[BehaviourParameters.Adjustment], delta = b[BehaviourParameters.Decay], half = b[BehaviourParameters.HalfSaturation];
        double strainPerHour = b[BehaviourParameters.CaringStrain] / (2 * b[BehaviourParameters.SustainableHours]);
        InitialiseFatigue();
        Perceive(1);
        for (int i = 0; i < _c.Count; i++)
        {
            ref Citizen ci = ref _c.State[i];
            int cellBase = ci.Neighbourhood * _d * Town.Quintiles + ci.Quintile;
            double harm = (ci.BurntOut ? BurnoutHarm : 0) + strainPerHour * ci.CaringLoad;
            Span<CitizenDomain> own = _c.DomainsOf(i);
            for (int d = 0; d < _d; d++)
            {
                int g = cellBase + d * Town.Quintiles;
                double q = _services.Output[g], need = own[d].Need;
                double events = Wellbeing.EventRate(_domains[d].Incidence, ci.Risk);
                own[d].Wellbeing = (float)Wellbeing.SteadyState(q, need, events, lambda, delta, half, harm);
            }
            // Citizens expect what their neighbourhood's services give under traditional provision.
            ci.Expectation = (float)_services.Perceived[ci.Neighbourhood];
        }
    }

    /// <summary>Longest spell over which a carer's fatigue is settled at the start (fatigue recovers 10% a month: after 240 months 1e-11 of the start is left).</summary>
    private const int LongestSettlingMonths = 240;

    /// <summary>
    /// Carers' fatigue and burnout at the start: the settled state of caring under traditional provision. Each carer's
    /// spell has lasted a number of months drawn from the settled distribution of spell ages under
    /// <c>caring_turnover</c> (geometric: the chance a spell has lasted m months is (1 - p)^m p), and their fatigue is
    /// where the dynamics of the outcomes phase (the same functions, with no co-production, respite or relief) take a
    /// rested carer in that time. So a run does not start with every carer rested and burnout building up over the
    /// first years.
    /// </summary>
    private void InitialiseFatigue()
    {
        ParameterValues b = _p.Behaviour;
        double sustainable = b[BehaviourParameters.SustainableHours], gain = b[BehaviourParameters.FatigueGain], recovery = b[BehaviourParameters.FatigueRecovery];
        double replacement = b[BehaviourParameters.ReplacementShare], turnover = b[BehaviourParameters.CaringTurnover];
        for (int i = 0; i < _c.Count; i++)
        {
            ref Citizen ci = ref _c.State[i];
            double load = ci.CaringLoad;
            if (load <= 0) continue;
            var rng = _streams.Open(i, 0, Purposes.CaringSpell);  // tick 0: the run's draws start at tick 1
            // Months the spell has lasted: geometric, by inversion; no turnover: the spell has always lasted.
            double u = rng.NextDouble();
            int months = turnover >= 1 ? 0
                : turnover <= 0 ? LongestSettlingMonths
                : (int)Math.Min(LongestSettlingMonths, Math.Floor(Math.Log(1 - u) / Math.Log(1 - turnover)));
            double f = 0, threshold = ci.BurnoutThreshold;
            bool burntOut = false;
            for (int m = 0; m < months; m++)
            {
                double replaced = burntOut ? replacement * load : 0;
                f = (float)Fatigue.Update(f, 0, load - replaced, 0, sustainable, gain, recovery);
                burntOut = Fatigue.BurntOut(burntOut, f, threshold);
            }
            ci.Fatigue = (float)f;
            ci.BurntOut = burntOut;
        }
    }

    /// <summary>
    /// Need at the start shifted by what waiting does to it: the steady state of need relaxing toward its level at
    /// the citizen's risk while unmet need adds <c>deterioration x unmet share</c> a month.
    /// </summary>
    private void SettleNeedUnderWaiting()
    {
        double deterioration = _p.Behaviour[BehaviourParameters.Deterioration];
        for (int i = 0; i < _c.Count; i++)
        {
            ref readonly Citizen ci = ref _c.State[i];
            int cellBase = ci.Neighbourhood * _d * Town.Quintiles + ci.Quintile;
            Span<CitizenDomain> own = _c.DomainsOf(i);
            for (int d = 0; d < _d; d++)
            {
                double events = Wellbeing.EventRate(_domains[d].Incidence, ci.Risk);
                own[d].Need = (float)Wellbeing.ExpectedNeed(own[d].NeedBase, ci.Risk, events, deterioration * _plan.UnmetShare[cellBase + d * Town.Quintiles]);
            }
        }
    }
}
