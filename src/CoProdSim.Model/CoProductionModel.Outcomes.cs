using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Model;

/// <summary>Steps 5 and 6: well-being, need and risk; fatigue and burnout, efficacy, warm glow and trust.</summary>
public sealed partial class CoProductionModel
{
    // How much a 100% price rise deters use, by income quintile: charges fall hardest on the poorest
    // (the equity side-effect of co-financing by charges; assumption, to sweep).
    private static readonly double[] ChargeElasticity = [0, 1.0, 0.7, 0.4, 0.2, 0.1];

    // Share of services each income quintile still uses under the strategy's charges (index 1..5).
    private readonly double[] _uptake = new double[6];

    private const double ExperienceRate = 1.0 / 12, HarmToWellbeing = 0.2, HarmToNeed = 0.1, NeedAdjustment = 0.05, BurnoutHarm = 0.1;

    private void OutcomesAndFeedback(in TickContext tick, PartitionRange range)
    {
        Span<double> row = _observations.Row(range.Partition);
        row.Clear();
        BehaviourParameters b = _p.Behaviour;
        StrategyLevers s = _p.Strategy;
        int domains = _d;
        double lambda = b.Adjustment, delta = b.Decay, half = b.HalfSaturation, own = b.OwnBenefit, prevention = b.Prevention;
        double sustainable = b.SustainableHours, fatigueGain = b.FatigueGain, fatigueRecovery = b.FatigueRecovery;
        double trustGain = b.TrustGain, trustLoss = b.TrustLoss, glowGain = b.WarmGlowGain, glowDecay = b.WarmGlowDecay;
        double recognition = s.Recognition, cut = Math.Max(0, -s.BudgetChange), respitePerHour = _respitePerCaringHour;
        double[] incidence = _incidence, output = _output, outputChange = _outputChange, serviceSignal = _serviceTrustSignal, uptakeByQuintile = _uptake;
        // What an engaged citizen adds to the trust signal: recognition, and perceived exploitation when asked to
        // fill the gap of a cut. The same for everyone this month, so computed once.
        double engagedSignal = 0.3 * recognition - 1.5 * cut * (1 - recognition);
        // The hot loop reads the citizens' arrays through locals: one field load each, not one per access.
        Citizens c = _c;
        int[] hood = c.Neighbourhood;
        byte[] quintile = c.Quintile, engagedDomain = c.EngagedDomain;
        sbyte[] engagedMode = c.EngagedMode, previousMode = c.EngagedModePrevious;
        float[] risk = c.Risk, experience = c.Experience, wellbeing = c.Wellbeing, needs = c.Need, needBase = c.NeedBase, skill = c.Skill;
        float[] caring = c.CaringLoad, fatigue = c.Fatigue, threshold = c.BurnoutThreshold, hours = c.Hours, efficacy = c.Efficacy, glow = c.WarmGlow, trust = c.Trust;
        bool[] burntOut = c.BurntOut;
        int domainBase = _domainBase, needBaseIndex = _needBase;
        for (int i = range.Start; i < range.End; i++)
        {
            int h = hood[i];
            int q = quintile[i];
            sbyte mode = engagedMode[i];
            bool engaged = mode >= 0;
            int coProducedIn = mode == (sbyte)Mode.CoDelivery || mode == (sbyte)Mode.CoDesign ? engagedDomain[i] : -1;
            double r = risk[i];
            double uptake = uptakeByQuintile[q];
            bool wasBurntOut = burntOut[i];
            double burnoutHarm = wasBurntOut ? BurnoutHarm : 0;
            var rng = new RandomStream(_seed, i, tick.Tick, Purposes.Incidence);
            // Experience of co-production builds over about a year of taking part and fades as slowly.
            double exp = experience[i] + ExperienceRate * ((coProducedIn >= 0 ? 1 : 0) - experience[i]);
            experience[i] = (float)exp;
            int outputBase = h * domains * 5 + q - 1;
            double wellbeingSum = 0;
            for (int d = 0; d < domains; d++)
            {
                int k = i * domains + d;
                // Step 5: well-being moves toward what services deliver against this citizen's need (the coverage
                // Q / (Q + K need): half met when Q = K need), decays, and is hit by harmful events whose rate rises
                // with risk behaviour. Experienced co-producers draw more from services, the more so the more
                // skilled (co-production favours the resourceful: Jakobsen & Andersen 2013).
                double delivered = output[outputBase + d * 5] * uptake * (1 + own * 2 * skill[k] * exp);
                double need = needs[k];
                double target = delivered / (delivered + half * need) - burnoutHarm;
                double w = wellbeing[k];
                w += lambda * (target - w) - delta * w;
                double p = incidence[d] * 2 * r;
                if (p > 0 && rng.NextDouble() < p)
                {
                    w -= HarmToWellbeing;
                    need += HarmToNeed;
                }
                need += NeedAdjustment * (PopulationBuilder.NeedAtRisk(needBase[k], r) - need);
                w = Math.Clamp(w, 0, 1);
                need = Math.Clamp(need, 0, 1);
                wellbeing[k] = (float)w;
                needs[k] = (float)need;
                // Observation of the domain part, while the values are at hand.
                wellbeingSum += (float)w;
                row[domainBase + d] += (float)w;
                row[needBaseIndex + h * domains + d] += (float)need;
            }
            // Prevention: co-producers' own risk behaviour falls, lowering future need.
            if (coProducedIn >= 0) risk[i] = (float)(r - prevention * r);

            // Step 6: fatigue from caring and co-production, relieved by respite; burnout ends contribution.
            double load = caring[i];
            double f = Fatigue.Update(fatigue[i], hours[i], load, respitePerHour * load, sustainable, fatigueGain, fatigueRecovery);
            fatigue[i] = (float)f;
            if (!wasBurntOut && f >= threshold[i]) burntOut[i] = true;
            else if (wasBurntOut && f < 0.5 * threshold[i]) burntOut[i] = false;

            double change = outputChange[h];
            if (engaged)
            {
                // Efficacy rises with success and falls with failure; recognition feeds warm glow, its absence erodes it.
                double e = efficacy[i];
                efficacy[i] = (float)(change >= 0 ? e + 0.02 * (1 - e) : e - 0.02 * e);
                double g = glow[i];
                glow[i] = (float)Math.Clamp(g + recognition * glowGain * (1 - g) - glowDecay * (1 - recognition) * g, 0, 1);
            }
            // Trust: services getting better or worse, recognition, transparency through co-assessment, and
            // perceived exploitation when citizens are asked to fill the gap of a cut.
            double signal = serviceSignal[h] + (engaged ? engagedSignal : 0);
            if (signal != 0) trust[i] = (float)Trust.Update(trust[i], signal, trustGain, trustLoss);

            previousMode[i] = mode;
            ObserveCitizen(i, wellbeingSum / domains, row);
        }
    }

    /// <summary>
    /// How a relative change of service output is perceived: changes under 2% go unnoticed (a perception threshold,
    /// so month-to-month noise does not ratchet trust down through the loss asymmetry); larger ones count in full
    /// from 12% on.
    /// </summary>
    internal static double Perceived(double change)
    {
        const double threshold = 0.02, full = 0.10;
        double magnitude = Math.Max(0, Math.Abs(change) - threshold) / full;
        return Math.Sign(change) * Math.Min(1, magnitude);
    }
}
