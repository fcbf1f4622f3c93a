using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;
using CoProdSim.Model.Services;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>
/// The plan phase (docs/odd.md 7.1): public bodies set budgets, support, respite and invitations; they meet the demand
/// that need creates with professional hours, within the budget, moving unused hours to where demand waits; what they
/// cannot meet waits; and their professionals' openness follows their experience of co-production. Writes
/// <see cref="MonthlyPlan"/>.
/// </summary>
public sealed partial class CoProductionModel
{
    /// <summary>Which public body serves each domain.</summary>
    private static int[] BodyOfDomain(ModelParameters p)
    {
        int[] body = new int[p.Domains.Count];
        Array.Fill(body, -1);
        for (int b = 0; b < p.PublicBodies.Count; b++)
            for (int d = 0; d < body.Length; d++)
                if (p.PublicBodies[b].Domains.Count == 0 || p.PublicBodies[b].Domains.Contains(p.Domains[d].Name)) body[d] = b;
        return body;
    }

    /// <summary>How much of a neighbourhood's need a public body sees unaided: need in deprived areas is under-seen ("hard to reach").</summary>
    private double BaseVisibility(int h) => 1 - HiddenNeedAtFullDeprivation * _town.Deprivation[h];

    private void Plan(in TickContext tick)
    {
        ParameterValues s = _levers;
        MonthlyPlan plan = _plan;
        double budgetChange = s[StrategyLevers.BudgetChange], supportShare = s[StrategyLevers.SupportShare], charges = s[StrategyLevers.Charges];
        int citizens = _c.Count;
        for (int q = 0; q < Town.Quintiles; q++) plan.Uptake[q] = 1 - charges * ChargeElasticity[q];
        PlanChoice();
        double grants = 0, respiteHours = 0, supportSpend = 0, invitationCostPerInvitation = 0, totalBudget = 0, contactCost = 0;
        int bodies = _p.PublicBodies.Count;
        Span<double> coordination = stackalloc double[bodies];
        Span<double> budgetOf = stackalloc double[bodies];
        plan.PublicCost = plan.ChargesPaid = plan.DonationsSpent = plan.ServedHours = plan.AssessedHours = plan.WaitingHours = plan.Unspent = plan.ManagedServed = 0;
        for (int b = 0; b < bodies; b++)
        {
            PublicBody body = _p.PublicBodies[b];
            double perCitizen = body[PublicBodyParameters.BudgetPerCitizen], hourCost = body[PublicBodyParameters.HourCost];
            double budget = perCitizen * citizens * (1 + budgetChange);
            double support = supportShare * budget, service = budget - support;
            double respite = support * s[StrategyLevers.RespiteShare], grant = support * s[StrategyLevers.CommunityGrants];
            coordination[b] = support - respite - grant;
            budgetOf[b] = budget;
            totalBudget += budget;
            grants += grant;
            respiteHours += respite / body[PublicBodyParameters.RespiteHourCost];
            supportSpend += support;
            invitationCostPerInvitation += budget * body[PublicBodyParameters.InvitationHours] * hourCost;
            contactCost += budget * body[PublicBodyParameters.CampaignContactCost];
            double weightSum = 0;
            int served = 0;
            for (int d = 0; d < _d; d++)
                if (_bodyOfDomain[d] == b)
                {
                    weightSum += _domains[d].BudgetWeight;
                    served++;
                }
            for (int d = 0; d < _d; d++)
            {
                if (_bodyOfDomain[d] != b) continue;
                // Weights are relative: all zero is the limit of all equal, an even split.
                double share = weightSum > 0 ? _domains[d].BudgetWeight / weightSum : 1.0 / served;
                ServeDomain(d, service * share, hourCost * plan.HourCostFactor[d], body[PublicBodyParameters.Responsiveness], charges);
            }
        }
        // Costs per invitation and per contact are budget-weighted means over the bodies; with no budget at all, plain
        // means (the limit as the budget goes to 0), so invitations never become free.
        if (totalBudget > 0)
        {
            invitationCostPerInvitation /= totalBudget;
            contactCost /= totalBudget;
        }
        else
        {
            invitationCostPerInvitation = contactCost = 0;
            foreach (PublicBody body in _p.PublicBodies)
            {
                invitationCostPerInvitation += body[PublicBodyParameters.InvitationHours] * body[PublicBodyParameters.HourCost] / bodies;
                contactCost += body[PublicBodyParameters.CampaignContactCost] / bodies;
            }
        }

        // Invitations take professional time, paid from the coordination part of the support budget: a strategy
        // that invites many with little support cannot send every invitation it intends. Professionals invite as
        // far as they are open to co-production.
        bool deprivedFirst = s.Get(StrategyLevers.Targeting) == Targeting.DeprivedFirst;
        double invitationRate = s[StrategyLevers.InvitationRate], openness = MeanOpenness(budgetOf, totalBudget);
        double intended = 0;
        for (int q = 0; q < Town.Quintiles; q++)
        {
            double weight = deprivedFirst ? DeprivedFirstWeights[q] : 1;
            plan.InvitationProbability[q] = Math.Min(1, invitationRate * weight * openness);
            intended += plan.InvitationProbability[q] * _town.QuintileCount[q];
        }
        double coordinationTotal = 0;
        foreach (double c in coordination) coordinationTotal += c;
        // A social-marketing campaign reaches its share of residents each month while it runs, paid from the same
        // coordination money; what cannot be paid for is not done, invitations and campaign alike.
        double reach = tick.Tick >= 1 && tick.Tick <= s[StrategyLevers.CampaignMonths] ? s[StrategyLevers.CampaignReach] : 0;
        double invitationCost = intended * invitationCostPerInvitation, campaignCost = reach * citizens * contactCost;
        double affordable = invitationCost + campaignCost > 0 ? Math.Min(1, coordinationTotal / (invitationCost + campaignCost)) : 1;
        for (int q = 0; q < Town.Quintiles; q++) plan.InvitationProbability[q] *= affordable;
        // Awareness rises with the residents reached and fades at campaign_decay (Snyder et al. 2004).
        if (tick.Tick >= 1)
            plan.CampaignAwareness += reach * affordable * (1 - plan.CampaignAwareness) - _p.Behaviour[BehaviourParameters.CampaignDecay] * plan.CampaignAwareness;

        // What is left of coordination after invitations is professional support for co-producers: it makes an hour of
        // co-delivery go further, with diminishing returns in support per hour supported, as far as professionals
        // are open to it.
        ParameterValues bh = _p.Behaviour;
        double gain = bh[BehaviourParameters.SupportGain], scale = bh[BehaviourParameters.SupportScale];
        double spentOnInvitations = Math.Min(invitationCost + campaignCost, coordinationTotal);
        double[] tallies = _decisions.Totals;
        for (int b = 0; b < bodies; b++)
        {
            double hourCost = _p.PublicBodies[b][PublicBodyParameters.HourCost];
            double left = coordination[b] - (coordinationTotal > 0 ? spentOnInvitations * coordination[b] / coordinationTotal : 0);
            double supportHours = Math.Max(0, left) / hourCost;
            double deliveryHours = 0;
            for (int d = 0; d < _d; d++)
                if (_bodyOfDomain[d] == b)
                    for (int h = 0; h < _n; h++) deliveryHours += tallies[(h * _d + d) * _decisions.PerCell + _decisions.ManagingHours];
            double multiplier = 1 + gain * plan.Openness[b] * (1 - Math.Exp(-supportHours / Math.Max(1, deliveryHours) / scale));
            for (int d = 0; d < _d; d++) if (_bodyOfDomain[d] == b) plan.SupportMultiplier[d] = multiplier;
        }
        for (int d = 0; d < _d; d++) PerceivedEffectiveness(d);

        plan.PublicCost += supportSpend;
        plan.SupportSpend = supportSpend;
        plan.RespiteHours = respiteHours;
        plan.GrantIntensity = 1 - Math.Exp(-grants / citizens);
        // Respite goes to carers in proportion to their caring load.
        plan.RespitePerCaringHour = _town.TotalCaringLoad > 0 ? respiteHours / _town.TotalCaringLoad : 0;
        plan.CareHourCost = _p.PublicBodies[Math.Max(0, _bodyOfDomain[0])][PublicBodyParameters.CareHourCost];
        if (tick.Tick > 0) LearnOpenness();
    }

    /// <summary>
    /// Choice (personal budgets, direct payments): in each cell the share of the personalisable service residents take
    /// as a personal budget is <c>choice_share x personalisable x</c> their mean self-efficacy over the town's (capped at
    /// 1): those more able to manage a budget take more of it (Le Grand 2007; Needham &amp; Carr 2009). For those under 65
    /// it removes <c>choice_fit</c> of the service's misfit; older people gain none (IBSEN, Glendinning et al. 2008).
    /// An hour taken as a personal budget costs <c>choice_admin</c> more (support planning, brokerage), so the
    /// domain's money buys fewer hours.
    /// </summary>
    private void PlanChoice()
    {
        MonthlyPlan plan = _plan;
        double share = _levers[StrategyLevers.ChoiceShare], fit = _p.Behaviour[BehaviourParameters.ChoiceFit], admin = _p.Behaviour[BehaviourParameters.ChoiceAdmin];
        double meanEfficacy = Math.Max(1e-12, _town.MeanEfficacyAtStart);
        for (int d = 0; d < _d; d++)
        {
            double taken = 0;
            for (int h = 0; h < _n; h++)
                for (int q = 0; q < Town.Quintiles; q++)
                {
                    int hq = h * Town.Quintiles + q;
                    double uptake = Math.Min(1, share * _domains[d].Personalisable * _town.EfficacyAtStart[hq] / meanEfficacy);
                    plan.ChoiceGain[(h * _d + d) * Town.Quintiles + q] = fit * uptake * (1 - _town.OlderShare[hq]);
                    taken += uptake * _town.QuintilePopulation[hq];
                }
            plan.HourCostFactor[d] = 1 + admin * taken / Math.Max(1, _c.Count);
        }
    }

    /// <summary>Budget-weighted mean openness of the public bodies' professionals.</summary>
    private double MeanOpenness(ReadOnlySpan<double> budgetOf, double totalBudget)
    {
        if (totalBudget <= 0) return _plan.Openness[0];
        double sum = 0;
        for (int b = 0; b < budgetOf.Length; b++) sum += _plan.Openness[b] * budgetOf[b];
        return sum / totalBudget;
    }

    /// <summary>
    /// Meets a domain's demand with its service money: money goes to neighbourhoods by the strategy's rule (and
    /// participatory budgeting and donations); each neighbourhood serves what is demanded up to what its money buys;
    /// the body then moves a share of unused hours to where demand waits; what is not served waits, and part of it
    /// comes back next month.
    /// </summary>
    private void ServeDomain(int d, double serviceMoney, double hourCost, double responsiveness, double charges)
    {
        MonthlyPlan plan = _plan;
        DomainCoefficients dom = _domains[d];
        Observations obs = _observations;
        double[] expressed = _services.ExpressedNeed, donations = _services.Donations, managedHours = _services.ManagedHours;
        bool byNeed = _levers.Get(StrategyLevers.Allocation) == Allocation.Need;
        double pbMoney = _levers[StrategyLevers.ParticipatoryBudgetShare] * serviceMoney;
        double repeat = _p.Behaviour[BehaviourParameters.RepeatDemand];
        double expressedTotal = 0, weightTotal = 0;
        for (int h = 0; h < _n; h++)
        {
            expressedTotal += expressed[h * _d + d];
            weightTotal += AllocationWeight(h, d, byNeed);
        }
        // Without expressed need (nobody took part), participatory money follows the ordinary rule.
        double regularMoney = expressedTotal > 0 ? serviceMoney - pbMoney : serviceMoney;
        Span<double> capacity = stackalloc double[_n];
        Span<double> demand = stackalloc double[_n];
        Span<double> donated = stackalloc double[_n];
        Span<double> managed = stackalloc double[_n];
        double slack = 0, shortfall = 0;
        for (int h = 0; h < _n; h++)
        {
            int k = h * _d + d;
            double money = regularMoney * AllocationWeight(h, d, byNeed) / weightTotal;
            if (expressedTotal > 0) money += pbMoney * expressed[k] / expressedTotal;
            capacity[h] = money / hourCost;
            donated[h] = donations[k] / hourCost;
            // Hours a community group runs (co-managing) serve the neighbourhood's demand before professionals do.
            managed[h] = CitizenInputInProduction ? managedHours[k] : 0;
            double cellDemand = 0;
            for (int q = 0; q < Town.Quintiles; q++)
            {
                int g = k * Town.Quintiles + q;
                double assessed = dom.HoursPerNeed * obs.Totals[obs.NeedByCell + g];
                plan.Assessed[g] = assessed;
                plan.Demand[g] = assessed * plan.Uptake[q] + plan.Backlog[g];
                cellDemand += plan.Demand[g];
            }
            // Donations and co-managed hours stay where they were given: only public hours are moved between neighbourhoods.
            demand[h] = Math.Max(0, cellDemand - donated[h] - managed[h]);
            slack += Math.Max(0, capacity[h] - demand[h]);
            shortfall += Math.Max(0, demand[h] - capacity[h]);
        }
        // The body moves part of the hours that would go unused to the neighbourhoods where demand waits.
        double moved = responsiveness * Math.Min(slack, shortfall);
        for (int h = 0; h < _n; h++)
        {
            int k = h * _d + d;
            double over = capacity[h] - demand[h];
            double cap = capacity[h] + (over > 0 ? -moved * over / slack : over < 0 ? moved * -over / shortfall : 0) + donated[h] + managed[h];
            double cellDemand = 0;
            for (int q = 0; q < Town.Quintiles; q++) cellDemand += plan.Demand[k * Town.Quintiles + q];
            double servedShare = cellDemand > 0 ? Math.Min(1, cap / cellDemand) : 0;
            double served = 0, assessed = 0;
            for (int q = 0; q < Town.Quintiles; q++)
            {
                int g = k * Town.Quintiles + q;
                double s = plan.Demand[g] * servedShare;
                plan.Served[g] = s;
                plan.Backlog[g] = repeat * (plan.Demand[g] - s);
                plan.ServiceLevel[g] = plan.Assessed[g] > 0 ? Math.Min(2, s / plan.Assessed[g]) : 1;
                plan.UnmetShare[g] = plan.Assessed[g] > 0 ? Math.Clamp(1 - s / plan.Assessed[g], 0, 1) : 0;
                served += s;
                assessed += plan.Assessed[g];
                plan.WaitingHours += plan.Demand[g] - s;
            }
            plan.Provision[k] = assessed > 0 ? served / assessed : 1;
            // Co-managed hours are served first and cost the body nothing; users pay their share of the professional
            // hours they use; donations pay for services before public money does.
            double fromManaged = Math.Min(managed[h], served);
            plan.ManagedServed += fromManaged;
            double spend = (served - fromManaged) * hourCost, paid = charges * spend;
            double fromDonations = Math.Min(donations[k], spend - paid);
            plan.ChargesPaid += paid;
            plan.DonationsSpent += fromDonations;
            plan.PublicCost += spend - paid - fromDonations;
            plan.Unspent += Math.Max(0, cap - served - (managed[h] - fromManaged)) * hourCost;
            plan.ServedHours += served;
            plan.AssessedHours += assessed;
        }
    }

    /// <summary>
    /// How effective an hour of one's own input looks: the marginal product of citizen input in the cell, times the
    /// support it gets, against the baseline's (docs/odd.md 7.2).
    /// </summary>
    private void PerceivedEffectiveness(int d)
    {
        DomainCoefficients dom = _domains[d];
        double[] fit = _services.Fit, effort = _services.CitizenEffort;
        for (int h = 0; h < _n; h++)
        {
            int k = h * _d + d;
            for (int g = k * Town.Quintiles; g < (k + 1) * Town.Quintiles; g++)
            {
                // The ratio to the baseline is taken without the CES weight (1 - alpha), which cancels; so it stays
                // continuous as alpha goes to 1.
                double mp = _plan.SupportMultiplier[d] * Ces.RelativeMarginalCitizenProduct(dom.Productivity, dom.Alpha, dom.Rho, EffectiveFit(fit[g], g) * _plan.ServiceLevel[g], effort[k]);
                _plan.LogEffectiveness[g] = Math.Clamp(Math.Log(Math.Max(1e-12, mp) / Math.Max(1e-12, dom.MarginalProductAtBaseline)), -3, 3);
            }
        }
    }

    /// <summary>
    /// Professionals' openness moves toward their experience of co-production: the share of residents of the body's
    /// domains who co-delivered or co-designed last month, against a reference share (contact with co-production that
    /// works changes attitudes; its absence lets them drift back).
    /// </summary>
    private void LearnOpenness()
    {
        ParameterValues bh = _p.Behaviour;
        double rate = bh[BehaviourParameters.OpennessLearning], reference = bh[BehaviourParameters.OpennessReference];
        double[] t = _decisions.Totals;
        for (int b = 0; b < _p.PublicBodies.Count; b++)
        {
            double coProducers = 0;
            int served = 0;
            for (int d = 0; d < _d; d++)
            {
                if (_bodyOfDomain[d] != b) continue;
                served++;
                for (int h = 0; h < _n; h++)
                {
                    int a = (h * _d + d) * _decisions.PerCell;
                    coProducers += t[a + _decisions.ManagingCount] + t[a + _decisions.PerformingCount];
                    for (int q = 0; q < Town.Quintiles; q++) coProducers += t[a + _decisions.DesignByQuintile + q];
                }
            }
            double experience = served > 0 ? Math.Min(1, coProducers / (double)_c.Count / reference) : 0;
            _plan.Openness[b] += rate * (experience - _plan.Openness[b]);
        }
    }

    private double AllocationWeight(int h, int d, bool byNeed) => byNeed
        ? _town.Population[h] * Math.Max(1e-6, _observations.MeanNeed[h * _d + d] * _services.Visibility[h * _d + d])
        : _town.Population[h];
}
