using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Services;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>
/// The outcomes-and-feedback phase (docs/odd.md 7.6, 7.7): well-being, need and risk; fatigue and burnout,
/// efficacy, warm glow and trust; and each citizen's observation. Writes the rest of <see cref="Citizens"/> and
/// <see cref="Observations"/>.
/// </summary>
public sealed partial class CoProductionModel
{
    private void OutcomesAndFeedback(in TickContext tick, PartitionRange range)
    {
        Observations obs = _observations;
        Span<double> row = obs.Sums.Row(range.Partition);
        row.Clear();
        ParameterValues b = _p.Behaviour, s = _p.Strategy;
        int domains = _d;
        double lambda = b[BehaviourParameters.Adjustment], delta = b[BehaviourParameters.Decay], half = b[BehaviourParameters.HalfSaturation];
        double own = b[BehaviourParameters.OwnBenefit], prevention = b[BehaviourParameters.Prevention];
        double sustainable = b[BehaviourParameters.SustainableHours], fatigueGain = b[BehaviourParameters.FatigueGain], fatigueRecovery = b[BehaviourParameters.FatigueRecovery];
        double trustGain = b[BehaviourParameters.TrustGain], trustLoss = b[BehaviourParameters.TrustLoss];
        double glowGain = b[BehaviourParameters.WarmGlowGain], glowDecay = b[BehaviourParameters.WarmGlowDecay];
        double recognition = s[StrategyLevers.Recognition], cut = Math.Max(0, -s[StrategyLevers.BudgetChange]), respitePerHour = _plan.RespitePerCaringHour;
        double[] output = _services.Output, outputChange = _services.OutputChange, serviceSignal = _services.TrustSignal, uptakeByQuintile = _plan.Uptake;
        // What an engaged citizen adds to the trust signal is the same for everyone this month, so computed once.
        double engagedSignal = Perception.EngagedSignal(recognition, cut);
        int wellbeingByDomain = obs.WellbeingByDomain, needByCell = obs.NeedByCell;
        // The hot loop reads the citizens' arrays through locals: one field load each, not one per access.
        Citizens c = _c;
        DomainCoefficients[] doms = _domains;
        int[] hood = c.Neighbourhood;
        byte[] quintile = c.Quintile, engagedDomain = c.EngagedDomain;
        sbyte[] engagedMode = c.EngagedMode, previousMode = c.EngagedModePrevious;
        float[] risk = c.Risk, experience = c.Experience, wellbeing = c.Wellbeing, needs = c.Need, needBase = c.NeedBase, skill = c.Skill;
        float[] caring = c.CaringLoad, fatigue = c.Fatigue, threshold = c.BurnoutThreshold, hours = c.Hours, efficacy = c.Efficacy, glow = c.WarmGlow, trust = c.Trust;
        bool[] burntOut = c.BurntOut;
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
            var rng = new RandomStream(Seed, i, tick.Tick, Purposes.Incidence);
            // Experience of co-production builds over about a year of taking part and fades as slowly.
            double exp = Learning.Experience(experience[i], coProducedIn >= 0);
            experience[i] = (float)exp;
            int outputBase = h * domains * Town.Quintiles + q;
            double wellbeingSum = 0;
            for (int d = 0; d < domains; d++)
            {
                int k = i * domains + d;
                // Well-being moves toward what services deliver against this citizen's need (coverage), decays, and
                // is hit by harmful events whose rate rises with risk behaviour. Experienced co-producers draw more
                // from services, the more so the more skilled (co-production favours the resourceful: Jakobsen &
                // Andersen 2013).
                double delivered = output[outputBase + d * Town.Quintiles] * uptake * (1 + own * OwnBenefitSkillScale * skill[k] * exp);
                double need = needs[k];
                double target = Wellbeing.Coverage(delivered, need, half) - burnoutHarm;
                double w = wellbeing[k];
                w += lambda * (target - w) - delta * w;
                double p = Wellbeing.EventRate(doms[d].Incidence, r);
                if (p > 0 && rng.NextDouble() < p)
                {
                    w -= HarmToWellbeing;
                    need += HarmToNeed;
                }
                need += NeedAdjustment * (Wellbeing.NeedAtRisk(needBase[k], r) - need);
                w = Math.Clamp(w, 0, 1);
                need = Math.Clamp(need, 0, 1);
                wellbeing[k] = (float)w;
                needs[k] = (float)need;
                // Observation of the domain part, while the values are at hand.
                wellbeingSum += (float)w;
                row[wellbeingByDomain + d] += (float)w;
                row[needByCell + h * domains + d] += (float)need;
            }
            // Prevention: co-producers' own risk behaviour falls, lowering future need.
            if (coProducedIn >= 0) risk[i] = (float)Learning.Prevented(r, prevention);

            // Fatigue from caring and co-production, relieved by respite; burnout ends contribution.
            double load = caring[i];
            double f = Fatigue.Update(fatigue[i], hours[i], load, respitePerHour * load, sustainable, fatigueGain, fatigueRecovery);
            fatigue[i] = (float)f;
            burntOut[i] = Fatigue.BurntOut(wasBurntOut, f, threshold[i]);

            if (engaged)
            {
                // Efficacy rises with success and falls with failure; recognition feeds warm glow, its absence erodes it.
                efficacy[i] = (float)Learning.Efficacy(efficacy[i], outputChange[h] >= 0);
                glow[i] = (float)Learning.WarmGlow(glow[i], recognition, glowGain, glowDecay);
            }
            // Trust: services getting better or worse and transparency (per neighbourhood), recognition and
            // perceived exploitation (for the engaged).
            double signal = serviceSignal[h] + (engaged ? engagedSignal : 0);
            if (signal != 0) trust[i] = (float)Trust.Update(trust[i], signal, trustGain, trustLoss);

            previousMode[i] = mode;
            ObserveCitizen(i, wellbeingSum / domains, row);
        }
    }
}
