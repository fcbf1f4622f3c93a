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

    private const double ExperienceRate = 1.0 / 12, HarmToWellbeing = 0.2, HarmToNeed = 0.1, NeedAdjustment = 0.05, BurnoutHarm = 0.1;

    private void OutcomesAndFeedback(in TickContext tick, PartitionRange range)
    {
        Span<double> row = _observations.Row(range.Partition);
        row.Clear();
        Citizens c = _c;
        BehaviourParameters b = _p.Behaviour;
        StrategyLevers s = _p.Strategy;
        int domains = _d;
        double lambda = b.Adjustment, delta = b.Decay, half = b.HalfSaturation, own = b.OwnBenefit;
        double recognition = s.Recognition, cut = Math.Max(0, -s.BudgetChange);
        for (int i = range.Start; i < range.End; i++)
        {
            int h = c.Neighbourhood[i];
            int q = c.Quintile[i];
            sbyte mode = c.EngagedMode[i];
            bool engaged = mode >= 0;
            int coProducedIn = mode == (sbyte)Mode.CoDelivery || mode == (sbyte)Mode.CoDesign ? c.EngagedDomain[i] : -1;
            double risk = c.Risk[i];
            double uptake = 1 - s.Charges * ChargeElasticity[q];
            double burnoutHarm = c.BurntOut[i] ? BurnoutHarm : 0;
            var rng = new RandomStream(_seed, i, tick.Tick, Purposes.Incidence);
            // Experience of co-production builds over about a year of taking part and fades as slowly.
            double experience = c.Experience[i] + ExperienceRate * ((coProducedIn >= 0 ? 1 : 0) - c.Experience[i]);
            c.Experience[i] = (float)experience;
            for (int d = 0; d < domains; d++)
            {
                int k = i * domains + d;
                // Step 5: well-being moves toward what services deliver against this citizen's need (the coverage
                // Q / (Q + K need): half met when Q = K need), decays, and is hit by harmful events whose rate rises
                // with risk behaviour.
                // Experienced co-producers draw more from services, the more so the more skilled (co-production
                // favours the resourceful: Jakobsen & Andersen 2013); skill 0.5 and full experience give the parameter.
                double delivered = _output[(h * domains + d) * 5 + q - 1] * uptake * (1 + own * 2 * c.Skill[k] * experience);
                double need = c.Need[k];
                double target = delivered / (delivered + half * need) - burnoutHarm;
                double w = c.Wellbeing[k];
                w += lambda * (target - w) - delta * w;
                double incidence = _p.Domains[d].Incidence * 2 * risk;
                if (incidence > 0 && rng.NextDouble() < incidence)
                {
                    w -= HarmToWellbeing;
                    need += HarmToNeed;
                }
                need += NeedAdjustment * (PopulationBuilder.NeedAtRisk(c.NeedBase[k], risk) - need);
                c.Wellbeing[k] = (float)Math.Clamp(w, 0, 1);
                c.Need[k] = (float)Math.Clamp(need, 0, 1);
            }
            // Prevention: co-producers' own risk behaviour falls, lowering future need.
            if (coProducedIn >= 0) c.Risk[i] = (float)(risk - b.Prevention * risk);

            // Step 6: fatigue from caring and co-production, relieved by respite; burnout ends contribution.
            double load = c.CaringLoad[i];
            double fatigue = Fatigue.Update(c.Fatigue[i], c.Hours[i], load, _respitePerCaringHour * load, b.SustainableHours, b.FatigueGain, b.FatigueRecovery);
            c.Fatigue[i] = (float)fatigue;
            if (!c.BurntOut[i] && fatigue >= c.BurnoutThreshold[i]) c.BurntOut[i] = true;
            else if (c.BurntOut[i] && fatigue < 0.5 * c.BurnoutThreshold[i]) c.BurntOut[i] = false;

            double change = _outputChange[h];
            if (engaged)
            {
                // Efficacy rises with success and falls with failure; recognition feeds warm glow, its absence erodes it.
                double e = c.Efficacy[i];
                c.Efficacy[i] = (float)(change >= 0 ? e + 0.02 * (1 - e) : e - 0.02 * e);
                double g = c.WarmGlow[i];
                c.WarmGlow[i] = (float)Math.Clamp(g + recognition * b.WarmGlowGain * (1 - g) - b.WarmGlowDecay * (1 - recognition) * g, 0, 1);
            }
            // Trust: services getting better or worse, recognition, transparency through co-assessment, and
            // perceived exploitation when citizens are asked to fill the gap of a cut.
            double signal = 0.5 * Perceived(change) + 0.05 * _coAssessment[h];
            if (engaged) signal += 0.3 * recognition - 1.5 * cut * (1 - recognition);
            if (signal != 0) c.Trust[i] = (float)Trust.Update(c.Trust[i], signal, b.TrustGain, b.TrustLoss);

            c.EngagedModePrevious[i] = mode;
            Observe(i, row);
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
