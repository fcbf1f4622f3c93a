using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;

namespace CoProdSim.Model;

/// <summary>Public bodies' planning (brief step 1), community groups and production (steps 3 and 4).</summary>
public sealed partial class CoProductionModel
{
    // Invitation weights by income quintile under deprived-first targeting (mean 1, so the invitation budget is unchanged).
    private static readonly double[] DeprivedFirstWeights = [2.2, 1.4, 0.8, 0.4, 0.2];
    private const double BudgetCycle = 1.0 / 12;

    // Per (neighbourhood, domain, income quintile), index (h * _d + d) * 5 + q - 1: fit, and what follows from it.
    private double[] _fit = [], _output = [], _publicInput = [], _logEffectiveness = [];
    // Per (neighbourhood, income quintile): residents.
    private int[] _hoodQuintilePopulation = [];
    // Per (neighbourhood, domain), index h * _d + d.
    private double[] _provision = [], _citizenInput = [];
    private double[] _visibility = [], _expressedNeed = [], _donations = [], _meanNeed = [];
    private bool[] _groupActive = [];
    // Per neighbourhood.
    private double[] _meanOthers = [], _coAssessment = [], _outputChange = [], _meanOutput = [];
    // Per neighbourhood: the part of every resident's trust signal that comes from services (their change, perceived
    // through a threshold, and transparency through co-assessment), set once per tick in production.
    private double[] _serviceTrustSignal = [];
    // Per tick, set by Plan.
    private readonly double[] _invitationProbability = new double[6]; // by quintile 1..5
    private double _supportMultiplier, _grantIntensity, _respitePerCaringHour, _publicCost, _supportSpend, _respiteHours;
    private int _groupCount;

    // Decision partials, per (neighbourhood, domain) then per neighbourhood.
    private const int DeliveryEffectiveHours = 0, DeliveryCount = 1, CommissionCount = 2, ExpressedNeed = 3, Donations = 4, DesignByQuintile = 5, PerHoodDomain = 10;
    private const int EngagedCount = 0, EngagedHours = 1, AssessCount = 2, PerHood = 3;
    private PartialSums _decisions = null!;
    private double[] _decisionTotals = [];

    private void InitialiseServices()
    {
        int nd = _n * _d;
        _fit = new double[nd * 5];
        Array.Fill(_fit, _p.Behaviour.InitialFit);
        _output = new double[nd * 5];
        _publicInput = new double[nd * 5];
        _logEffectiveness = new double[nd * 5];
        _provision = new double[nd];
        _hoodQuintilePopulation = new int[_n * 5];
        for (int i = 0; i < _c.Count; i++) _hoodQuintilePopulation[_c.Neighbourhood[i] * 5 + _c.Quintile[i] - 1]++;
        _citizenInput = new double[nd];
        Array.Fill(_citizenInput, 1.0);
        _visibility = new double[nd];
        _expressedNeed = new double[nd];
        _donations = new double[nd];
        _meanNeed = new double[nd];
        _groupActive = new bool[nd];
        _meanOthers = new double[_n];
        Array.Fill(_meanOthers, _p.Behaviour.InitialExpectedHours);
        _coAssessment = new double[_n];
        _outputChange = new double[_n];
        _meanOutput = new double[_n];
        _serviceTrustSignal = new double[_n];
        for (int h = 0; h < _n; h++)
            for (int d = 0; d < _d; d++) _visibility[h * _d + d] = BaseVisibility(h);
        _decisions = new PartialSums(Partitions.Count, nd * PerHoodDomain + _n * PerHood);
        _decisionTotals = new double[_decisions.Width];
        // Mean need per (neighbourhood, domain) at the start, for the first plan.
        for (int i = 0; i < _c.Count; i++)
        {
            int h = _c.Neighbourhood[i];
            for (int d = 0; d < _d; d++) _meanNeed[h * _d + d] += _c.Need[i * _d + d];
        }
        for (int k = 0; k < nd; k++) _meanNeed[k] /= Math.Max(1, _hoodPopulation[k / _d]);
        Plan(new TickContext(0));
        ComputeOutput();
    }

    /// <summary>How much of a neighbourhood's need a public body sees unaided: need in deprived areas is under-seen ("hard to reach").</summary>
    private double BaseVisibility(int h) => 1 - 0.5 * _hoodDeprivation[h];

    /// <summary>Step 1: public bodies set budgets, support and invitations, and allocate service hours over neighbourhoods.</summary>
    private void Plan(in TickContext tick)
    {
        StrategyLevers s = _p.Strategy;
        int citizens = _c.Count;
        double coordination = 0, grants = 0, respiteHours = 0, publicCost = 0, supportSpend = 0;
        for (int b = 0; b < _p.PublicBodies.Count; b++)
        {
            PublicBodyParameters body = _p.PublicBodies[b];
            double budget = body.BudgetPerCitizen * citizens * (1 + s.BudgetChange);
            double support = s.SupportShare * budget, service = budget - support;
            double respite = support * s.RespiteShare, grant = support * s.CommunityGrants;
            coordination += support - respite - grant;
            grants += grant;
            respiteHours += respite / body.RespiteHourCost;
            supportSpend += support;
            // User charges recover part of the service's cost from users (co-financing by users).
            publicCost += budget - s.Charges * service;
            double weightSum = 0;
            for (int d = 0; d < _d; d++) if (_bodyOfDomain[d] == b) weightSum += _p.Domains[d].BudgetWeight;
            for (int d = 0; d < _d; d++)
            {
                if (_bodyOfDomain[d] != b) continue;
                DomainParameters dom = _p.Domains[d];
                double share = weightSum > 0 ? dom.BudgetWeight / weightSum : 0;
                double domainService = service * share;
                // Reference: professional hours per resident at the base budget, all of it on services.
                double referenceHours = body.BudgetPerCitizen * share / body.HourCost;
                AllocateDomain(d, domainService, body.HourCost, referenceHours);
            }
        }
        _publicCost = publicCost;
        _supportSpend = supportSpend;
        _respiteHours = respiteHours;
        // Coordination and training make an hour of citizen input go further, with diminishing returns
        // (GBP per resident a month; half the maximum gain at about 1.4 GBP).
        _supportMultiplier = 1 + 0.5 * (1 - Math.Exp(-coordination / citizens / 2));
        _grantIntensity = 1 - Math.Exp(-grants / citizens);
        // Respite goes to carers in proportion to their caring load.
        _respitePerCaringHour = _totalCaringLoad > 0 ? respiteHours / _totalCaringLoad : 0;
        for (int q = 1; q <= 5; q++)
        {
            _uptake[q] = 1 - s.Charges * ChargeElasticity[q];
            double weight = s.Targeting == Targeting.DeprivedFirst ? DeprivedFirstWeights[q - 1] : 1;
            _invitationProbability[q] = Math.Min(1, s.InvitationRate * weight);
        }
    }

    private void AllocateDomain(int d, double serviceMoney, double hourCost, double referenceHours)
    {
        StrategyLevers s = _p.Strategy;
        DomainParameters dom = _p.Domains[d];
        double pbMoney = s.ParticipatoryBudgetShare * serviceMoney;
        double expressedTotal = 0, weightTotal = 0;
        for (int h = 0; h < _n; h++)
        {
            expressedTotal += _expressedNeed[h * _d + d];
            weightTotal += AllocationWeight(h, d);
        }
        // Without expressed need (nobody took part), participatory money follows the ordinary rule.
        double regularMoney = expressedTotal > 0 ? serviceMoney - pbMoney : serviceMoney;
        for (int h = 0; h < _n; h++)
        {
            int k = h * _d + d;
            double money = regularMoney * AllocationWeight(h, d) / weightTotal + _donations[k];
            if (expressedTotal > 0) money += pbMoney * _expressedNeed[k] / expressedTotal;
            double hoursPerResident = money / hourCost / Math.Max(1, _hoodPopulation[h]);
            double provision = referenceHours > 0 ? hoursPerResident / referenceHours : 0;
            _provision[k] = provision;
            for (int g = k * 5; g < k * 5 + 5; g++)
            {
                _publicInput[g] = _fit[g] * provision;
                double mp = Ces.MarginalCitizenProduct(dom.Productivity, dom.Alpha, _rho[d], _publicInput[g], _citizenInput[k]);
                _logEffectiveness[g] = Math.Clamp(Math.Log(Math.Max(1e-12, mp) / _mpReference[d]), -3, 3);
            }
        }
    }

    private double AllocationWeight(int h, int d) => _p.Strategy.Allocation == Allocation.Population
        ? _hoodPopulation[h]
        : _hoodPopulation[h] * Math.Max(1e-6, _meanNeed[h * _d + d] * _visibility[h * _d + d]);

    /// <summary>Steps 3 and 4: community groups form or dissolve, fit moves with co-design and drift, and Q is produced.</summary>
    private void Produce(in TickContext tick)
    {
        _decisions.ReduceInto(_decisionTotals);
        BehaviourParameters b = _p.Behaviour;
        StrategyLevers s = _p.Strategy;
        int hoodBase = _n * _d * PerHoodDomain;
        double threshold = b.GroupThreshold * (1 - 0.5 * _grantIntensity);
        _groupCount = 0;
        for (int h = 0; h < _n; h++)
        {
            double pop = Math.Max(1, _hoodPopulation[h]);
            int o = hoodBase + h * PerHood;
            double engaged = _decisionTotals[o + EngagedCount];
            _meanOthers[h] = engaged > 0 ? _decisionTotals[o + EngagedHours] / engaged : b.InitialExpectedHours;
            _coAssessment[h] = s.CoAssessment * Math.Min(1, 50 * _decisionTotals[o + AssessCount] / pop);
            for (int d = 0; d < _d; d++)
            {
                int k = h * _d + d, a = k * PerHoodDomain;
                DomainParameters dom = _p.Domains[d];
                double share = _decisionTotals[a + DeliveryCount] / pop;
                bool active = _groupActive[k] ? share >= threshold / 2 : share >= threshold;
                _groupActive[k] = active;
                if (active) _groupCount++;
                double delivered = _supportMultiplier * _decisionTotals[a + DeliveryEffectiveHours];
                double groupOutput = active ? b.GroupBonus * (1 + _grantIntensity) * delivered : 0;
                double baseline = dom.CitizenBase * pop;
                _citizenInput[k] = (baseline + delivered + groupOutput) / baseline;
                // Co-design raises fit toward 1 for the people whose needs the designers know: those of their own
                // income quintile fully, the next quintile by half (so who takes part decides who gains:
                // representativeness). Without co-assessment, gains drift back toward the initial fit.
                for (int q = 0; q < 5; q++)
                {
                    double like = 0;
                    for (int r = Math.Max(0, q - 1); r <= Math.Min(4, q + 1); r++) like += _decisionTotals[a + DesignByQuintile + r] * (r == q ? 1 : 0.5);
                    double groupPop = Math.Max(1, _hoodQuintilePopulation[h * 5 + q]);
                    double designShare = Math.Min(1, 5 * like / groupPop);
                    int g = k * 5 + q;
                    _fit[g] += b.CoDesignEffect * designShare * (1 - _fit[g]) - b.QualityDrift * (1 - _coAssessment[h]) * (_fit[g] - b.InitialFit);
                    _publicInput[g] = _fit[g] * _provision[k];
                }
                // Participatory budgeting and donations work on a yearly cycle: what is expressed is averaged over
                // about twelve months, so allocations do not jump with each month's turnout.
                _expressedNeed[k] += BudgetCycle * (_decisionTotals[a + ExpressedNeed] - _expressedNeed[k]);
                _donations[k] += BudgetCycle * (_decisionTotals[a + Donations] - _donations[k]);
                // Community groups and co-planners reveal need the public body would not otherwise see.
                double reveal = Math.Min(1, (active ? 0.5 : 0) + 10 * _decisionTotals[a + CommissionCount] / pop);
                _visibility[k] = BaseVisibility(h) + (1 - BaseVisibility(h)) * reveal;
            }
        }
        ComputeOutput();
    }

    private void ComputeOutput()
    {
        for (int h = 0; h < _n; h++)
        {
            double sum = 0;
            for (int d = 0; d < _d; d++)
            {
                int k = h * _d + d;
                DomainParameters dom = _p.Domains[d];
                for (int g = k * 5; g < k * 5 + 5; g++)
                {
                    _output[g] = Ces.Output(dom.Productivity, dom.Alpha, _rho[d], _publicInput[g], _citizenInput[k]);
                    sum += _output[g];
                }
            }
            double mean = sum / (_d * 5);
            _outputChange[h] = _meanOutput[h] > 0 ? (mean - _meanOutput[h]) / _meanOutput[h] : 0;
            _meanOutput[h] = mean;
            _serviceTrustSignal[h] = 0.5 * Perceived(_outputChange[h]) + 0.05 * _coAssessment[h];
        }
    }
}
