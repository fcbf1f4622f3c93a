using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;
using CoProdSim.Model.Services;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>
/// The produce phase (docs/odd.md 7.4, 7.5): community groups form or dissolve, fit moves with co-design and drift,
/// citizen input and output Q are computed, and what citizens perceive of it. Writes <see cref="ServiceState"/>.
/// </summary>
public sealed partial class CoProductionModel
{
    private void Produce(in TickContext tick)
    {
        DecisionTallies t = _decisions;
        t.Reduce();
        double[] totals = t.Totals;
        ServiceState sv = _services;
        ParameterValues b = _p.Behaviour;
        double initialExpected = b[BehaviourParameters.InitialExpectedHours], groupBonus = b[BehaviourParameters.GroupBonus];
        double coDesignEffect = b[BehaviourParameters.CoDesignEffect], qualityDrift = b[BehaviourParameters.QualityDrift], initialFit = b[BehaviourParameters.InitialFit];
        double coAssessmentLever = _levers[StrategyLevers.CoAssessment];
        double threshold = b[BehaviourParameters.GroupThreshold] * (1 - GrantThresholdRelief * _plan.GrantIntensity);
        double complianceTrust = b[BehaviourParameters.ComplianceTrust], governance = b[BehaviourParameters.GovernanceShare];
        sv.GroupCount = 0;
        for (int h = 0; h < _n; h++)
        {
            double pop = Math.Max(1, _town.Population[h]);
            int o = t.HoodBase + h * t.PerHood;
            double engaged = totals[o + t.EngagedCount];
            // Everyday co-production (compliance, self-care) rises and falls with the neighbourhood's trust: citizens
            // as critical success factors of services.
            double compliance = Math.Max(0, 1 + complianceTrust * (_observations.MeanTrust[h] - _initialTrust[h]));
            sv.MeanOthers[h] = engaged > 0 ? totals[o + t.EngagedHours] / engaged : initialExpected;
            // Co-assessment works through inspections, ratings and reports that accumulate over the year, so its
            // strength follows the share of residents co-assessing averaged over about twelve months.
            sv.CoAssessment[h] += BudgetCycle * (coAssessmentLever * Math.Min(1, CoAssessmentReach * totals[o + t.AssessCount] / pop) - sv.CoAssessment[h]);
            double relief = 0;
            for (int d = 0; d < _d; d++)
            {
                int k = h * _d + d, a = k * t.PerCell;
                // Co-managers and community volunteers (sitting services, befriending) relieve the neighbourhood's carers.
                relief += _domains[d].CarerRelief * (_plan.SupportMultiplier[d] * totals[a + t.ManagingHours] + totals[a + t.CommunityHours]);
                // A community group forms from the residents who co-manage a service or are active in the community in
                // its domain (its committed members).
                double share = (totals[a + t.ManagingCount] + totals[a + t.CommunityCount]) / pop;
                bool active = sv.GroupActive[k] ? share >= threshold / 2 : share >= threshold;
                sv.GroupActive[k] = active;
                if (active) sv.GroupCount++;
                // Co-managing: through their group, citizens run part of the neighbourhood's service, and their hours
                // (as far as skill and professional support make them go, less what running the organisation takes,
                // plus the group's collective efficiency) take over professional hours there. Without a group of
                // committed members there is no organisation to run anything. A community-run service's capacity
                // builds and fades over months.
                double managed = active
                    ? _plan.SupportMultiplier[d] * totals[a + t.ManagingEffectiveHours] * (1 - governance) * (1 + groupBonus * (1 + _plan.GrantIntensity))
                    : 0;
                sv.ManagedHours[k] += BudgetCycle * (managed - sv.ManagedHours[k]);
                // Community activity (neighbourhood watch, litter picks, befriending) is citizen input to every
                // resident's service, with the group's collective efficiency, which grants raise.
                double baseline = _domains[d].CitizenBase * pop;
                double community = totals[a + t.CommunityEffectiveHours] * (1 + (active ? groupBonus * (1 + _plan.GrantIntensity) : 0));
                sv.CitizenInput[k] = compliance + community / baseline;
                // What citizens see of their neighbours' effort in the service, whichever way it enters production:
                // an hour looks less worth giving where many are already given (7.2).
                sv.CitizenEffort[k] = sv.CitizenInput[k] + _plan.SupportMultiplier[d] * (totals[a + t.ManagingEffectiveHours] + totals[a + t.PerformingEffectiveHours]) / baseline;
                // Co-design raises fit toward 1 for the people whose needs the designers know: those of their own
                // income quintile fully, the neighbouring quintiles by half (so who takes part decides who gains:
                // representativeness). Without co-assessment, gains drift back toward the initial fit.
                for (int q = 0; q < Town.Quintiles; q++)
                {
                    double like = 0;
                    for (int r = Math.Max(0, q - 1); r <= Math.Min(Town.Quintiles - 1, q + 1); r++)
                        like += totals[a + t.DesignByQuintile + r] * (r == q ? 1 : NeighbouringQuintileWeight);
                    double groupPop = Math.Max(1, _town.QuintilePopulation[h * Town.Quintiles + q]);
                    int g = k * Town.Quintiles + q;
                    // Co-design works through design processes that run over months: what designers bring is their
                    // share averaged over about a year.
                    sv.DesignShare[g] += BudgetCycle * (like / groupPop - sv.DesignShare[g]);
                    double designShare = Math.Min(1, CoDesignReach * sv.DesignShare[g]);
                    sv.Fit[g] += coDesignEffect * designShare * (1 - sv.Fit[g]) - qualityDrift * (1 - sv.CoAssessment[h]) * (sv.Fit[g] - initialFit);
                }
                // Participatory budgeting and donations work on a yearly cycle: what is expressed is averaged over
                // about twelve months, so allocations do not jump with each month's turnout.
                sv.ExpressedNeed[k] += BudgetCycle * (totals[a + t.ExpressedNeed] - sv.ExpressedNeed[k]);
                sv.Donations[k] += BudgetCycle * (totals[a + t.Donations] - sv.Donations[k]);
                // Community groups and co-planners reveal need the public body would not otherwise see.
                double reveal = Math.Min(1, (active ? GroupReveal : 0) + CommissioningReveal * totals[a + t.CommissionCount] / pop);
                sv.Visibility[k] = BaseVisibility(h) + (1 - BaseVisibility(h)) * reveal;
            }
            // Some co-delivery (sitting services, befriending, peer support) relieves the neighbourhood's carers.
            sv.ReliefPerCaringHour[h] = _town.CaringLoad[h] > 0 ? relief / _town.CaringLoad[h] : 0;
        }
        ComputeOutput();
        Perceive(_p.Behaviour[BehaviourParameters.PerceptionRate]);
    }

    /// <summary>
    /// What a neighbourhood's residents perceive of their services moves toward what they get (the resident-weighted
    /// mean over quintiles and domains of fit x service level) at <paramref name="rate"/> a month: news of a change
    /// reaches people through their own use of services and word of mouth among neighbours, not at once. Rate 1 is
    /// perception at once (the initial state).
    /// </summary>
    private void Perceive(double rate)
    {
        ServiceState sv = _services;
        for (int h = 0; h < _n; h++)
        {
            double got = 0;
            for (int q = 0; q < Town.Quintiles; q++)
            {
                double cell = 0;
                for (int d = 0; d < _d; d++) cell += sv.PublicInput[(h * _d + d) * Town.Quintiles + q];
                got += cell * _town.QuintilePopulation[h * Town.Quintiles + q];
            }
            got /= _d * Math.Max(1, _town.Population[h]);
            sv.Perceived[h] += rate * (got - sv.Perceived[h]);
        }
    }

    /// <summary>
    /// For the decomposition of co-production's effect (docs/odd.md 7.5, tests only): false holds citizen input at the
    /// everyday baseline in production, while citizens still see and respond to it as usual, so what is left of a
    /// strategy's gain is what its other channels (own benefit, prevention, co-design) carry.
    /// </summary>
    internal bool CitizenInputInProduction { get; set; } = true;

    /// <summary>Fit of a cell's services as its residents receive them: choice removes part of the misfit for those who take it up.</summary>
    private double EffectiveFit(double fit, int cell) => fit + _plan.ChoiceGain[cell] * (1 - fit);

    /// <summary>Output Q per (neighbourhood, domain, quintile) from effective public input (fit x provision) and citizen input; and its perceived change.</summary>
    private void ComputeOutput()
    {
        ServiceState sv = _services;
        for (int h = 0; h < _n; h++)
        {
            double sum = 0;
            for (int d = 0; d < _d; d++)
            {
                int k = h * _d + d;
                DomainCoefficients dom = _domains[d];
                for (int g = k * Town.Quintiles; g < (k + 1) * Town.Quintiles; g++)
                {
                    sv.PublicInput[g] = EffectiveFit(sv.Fit[g], g) * _plan.ServiceLevel[g];
                    sv.Output[g] = Ces.Output(dom.Productivity, dom.Alpha, dom.Rho, sv.PublicInput[g], CitizenInputInProduction ? sv.CitizenInput[k] : 1.0);
                    sum += sv.Output[g];
                }
            }
            double mean = sum / (_d * Town.Quintiles);
            sv.OutputChange[h] = sv.MeanOutput[h] > 0 ? (mean - sv.MeanOutput[h]) / sv.MeanOutput[h] : 0;
            sv.MeanOutput[h] = mean;
        }
    }
}
