using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>The plan phase (docs/odd.md 7.1): public bodies set budgets, support and invitations, and allocate service hours. Writes <see cref="Services.MonthlyPlan"/>.</summary>
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
        ParameterValues s = _p.Strategy;
        double budgetChange = s[StrategyLevers.BudgetChange], supportShare = s[StrategyLevers.SupportShare], charges = s[StrategyLevers.Charges];
        int citizens = _c.Count;
        double coordination = 0, grants = 0, respiteHours = 0, publicCost = 0, supportSpend = 0;
        for (int b = 0; b < _p.PublicBodies.Count; b++)
        {
            PublicBody body = _p.PublicBodies[b];
            double perCitizen = body[PublicBodyParameters.BudgetPerCitizen], hourCost = body[PublicBodyParameters.HourCost];
            double budget = perCitizen * citizens * (1 + budgetChange);
            double support = supportShare * budget, service = budget - support;
            double respite = support * s[StrategyLevers.RespiteShare], grant = support * s[StrategyLevers.CommunityGrants];
            coordination += support - respite - grant;
            grants += grant;
            respiteHours += respite / body[PublicBodyParameters.RespiteHourCost];
            supportSpend += support;
            // User charges recover part of the service's cost from users (co-financing by users).
            publicCost += budget - charges * service;
            double weightSum = 0;
            for (int d = 0; d < _d; d++) if (_bodyOfDomain[d] == b) weightSum += _domains[d].BudgetWeight;
            for (int d = 0; d < _d; d++)
            {
                if (_bodyOfDomain[d] != b) continue;
                double share = weightSum > 0 ? _domains[d].BudgetWeight / weightSum : 0;
                // Reference: professional hours per resident at the base budget, all of it on services.
                AllocateDomain(d, service * share, hourCost, perCitizen * share / hourCost);
            }
        }
        _plan.PublicCost = publicCost;
        _plan.SupportSpend = supportSpend;
        _plan.RespiteHours = respiteHours;
        // Coordination and training make an hour of citizen input go further, with diminishing returns.
        _plan.SupportMultiplier = 1 + SupportMultiplierMax * (1 - Math.Exp(-coordination / citizens / SupportScale));
        _plan.GrantIntensity = 1 - Math.Exp(-grants / citizens);
        // Respite goes to carers in proportion to their caring load.
        _plan.RespitePerCaringHour = _town.TotalCaringLoad > 0 ? respiteHours / _town.TotalCaringLoad : 0;
        bool deprivedFirst = s.Get(StrategyLevers.Targeting) == Targeting.DeprivedFirst;
        double invitationRate = s[StrategyLevers.InvitationRate];
        for (int q = 0; q < Town.Quintiles; q++)
        {
            _plan.Uptake[q] = 1 - charges * ChargeElasticity[q];
            double weight = deprivedFirst ? DeprivedFirstWeights[q] : 1;
            _plan.InvitationProbability[q] = Math.Min(1, invitationRate * weight);
        }
    }

    private void AllocateDomain(int d, double serviceMoney, double hourCost, double referenceHours)
    {
        DomainCoefficients dom = _domains[d];
        double[] expressed = _services.ExpressedNeed, donations = _services.Donations, fit = _services.Fit, citizenInput = _services.CitizenInput;
        bool byNeed = _p.Strategy.Get(StrategyLevers.Allocation) == Allocation.Need;
        double pbMoney = _p.Strategy[StrategyLevers.ParticipatoryBudgetShare] * serviceMoney;
        double expressedTotal = 0, weightTotal = 0;
        for (int h = 0; h < _n; h++)
        {
            expressedTotal += expressed[h * _d + d];
            weightTotal += AllocationWeight(h, d, byNeed);
        }
        // Without expressed need (nobody took part), participatory money follows the ordinary rule.
        double regularMoney = expressedTotal > 0 ? serviceMoney - pbMoney : serviceMoney;
        for (int h = 0; h < _n; h++)
        {
            int k = h * _d + d;
            double money = regularMoney * AllocationWeight(h, d, byNeed) / weightTotal + donations[k];
            if (expressedTotal > 0) money += pbMoney * expressed[k] / expressedTotal;
            double hoursPerResident = money / hourCost / Math.Max(1, _town.Population[h]);
            double provision = referenceHours > 0 ? hoursPerResident / referenceHours : 0;
            _plan.Provision[k] = provision;
            for (int g = k * Town.Quintiles; g < (k + 1) * Town.Quintiles; g++)
            {
                // Perceived effectiveness of one's own input: its marginal product against the baseline's.
                double mp = Ces.MarginalCitizenProduct(dom.Productivity, dom.Alpha, dom.Rho, fit[g] * provision, citizenInput[k]);
                _plan.LogEffectiveness[g] = Math.Clamp(Math.Log(Math.Max(1e-12, mp) / dom.MarginalProductAtBaseline), -3, 3);
            }
        }
    }

    private double AllocationWeight(int h, int d, bool byNeed) => byNeed
        ? _town.Population[h] * Math.Max(1e-6, _observations.MeanNeed[h * _d + d] * _services.Visibility[h * _d + d])
        : _town.Population[h];
}
