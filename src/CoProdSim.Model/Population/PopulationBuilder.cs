using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Parameters;
using MathNet.Numerics.Distributions;

namespace CoProdSim.Model.Population;

/// <summary>
/// Synthesises citizens from parameters (docs/odd.md, "Initialisation"). Every citizen's attributes come from its
/// own keyed stream (seed, citizen, 0, synthesis), so synthesis is parallel and identical on any thread count.
/// </summary>
public static class PopulationBuilder
{
    // Census 2021 (England and Wales), unpaid care: of the 8.9% who care, about 49% give 19 hours a week or less,
    // 20% give 20-49 hours and 31% give 50 hours or more. Hours a week drawn uniformly within the band.
    private static readonly (double Share, double Low, double High)[] CaringBands = [(0.49, 1, 19), (0.20, 20, 49), (0.31, 50, 90)];
    private const double WeeksPerMonth = 52.0 / 12.0;

    // Synthesis coefficients (docs/odd.md section 5), each named once. x below is the income position, 0 for the
    // poorest quintile and 1 for the richest. All are assumptions unless a source is given in docs/odd.md.

    /// <summary>Time for co-production of older people relative to the mean (retired: more time).</summary>
    private const double OlderTimeFactor = 1.5;

    /// <summary>Share of caring hours that comes out of time for co-production (the rest out of work, sleep and leisure).</summary>
    private const double CaringTimeShare = 0.05;

    /// <summary>
    /// Carers are more common in deprived areas, and more of them care 50+ hours a week (Census 2021, England: 10.1% vs
    /// 8.1% of people in the most and least deprived areas; 4.0% vs 1.9% at 50+ hours): the carer probability and the
    /// share of the heaviest band rise linearly with deprivation rank around their means, by these slopes.
    /// </summary>
    private const double CarerDeprivationSlope = 0.28, HeavyCareDeprivationSlope = 0.63;

    /// <summary>Self-efficacy rises with income (Parrado et al. 2013): Beta mean EfficacyBase + EfficacyPerIncome x, concentration 8.</summary>
    private const double EfficacyBase = 0.35, EfficacyPerIncome = 0.2, EfficacyConcentration = 8;

    /// <summary>
    /// Self-efficacy falls with the neighbourhood's deprivation, beyond income: people in deprived areas volunteer less
    /// and name more barriers (fear of being out of pocket, health: Time Well Spent 2019). Calibrated to the
    /// deprivation gradient of volunteering (least/most deprived ratio 1.4-2).
    /// </summary>
    private const double EfficacyPerDeprivation = 0.15;

    /// <summary>Trust in public bodies, Beta mean TrustBase + TrustPerIncome x, concentration 8.</summary>
    private const double TrustBase = 0.55, TrustPerIncome = 0.1, TrustConcentration = 8;

    /// <summary>Warm glow, Beta mean 0.3, concentration 6, the same at every income.</summary>
    private const double WarmGlowMean = 0.3, WarmGlowConcentration = 6;

    /// <summary>Risk behaviour falls with income: Beta mean RiskBase - RiskPerIncome x, concentration 6.</summary>
    private const double RiskBase = 0.6, RiskPerIncome = 0.2, RiskConcentration = 6;

    /// <summary>Skill per domain rises with income: Beta mean SkillBase + SkillPerIncome x, concentration 6.</summary>
    private const double SkillBase = 0.3, SkillPerIncome = 0.35, SkillConcentration = 6;

    /// <summary>Individual burnout thresholds: Normal around the mean with this relative sd, at least this share of it.</summary>
    private const double ThresholdSd = 0.15, ThresholdFloor = 0.3;

    /// <summary>Need rises with deprivation and falls with income: need x (NeedAtNoDeprivation + deprivation) x (NeedAtLowestIncome - NeedPerIncome x).</summary>
    private const double NeedAtNoDeprivation = 0.5, NeedAtLowestIncome = 1.3, NeedPerIncome = 0.6;

    /// <summary>Index of the first citizen of each neighbourhood; the last entry is the citizen count.</summary>
    public static int[] NeighbourhoodStarts(int citizens, int neighbourhoods)
    {
        int[] starts = new int[neighbourhoods + 1];
        for (int n = 0; n <= neighbourhoods; n++) starts[n] = (int)((long)citizens * n / neighbourhoods);
        return starts;
    }

    /// <summary>Deprivation of neighbourhood <paramref name="n"/> of <paramref name="count"/>: its rank, 0 (least) to 1 (most).</summary>
    public static double Deprivation(int n, int count) => (n + 0.5) / count;

    /// <summary>Fills <paramref name="c"/> from the parameters.</summary>
    public static void Fill(Citizens c, ModelParameters p, ulong seed, int[] neighbourhoodStarts, Partitioning partitions, int threads)
    {
        ParameterValues pop = p.Population;
        int neighbourhoods = neighbourhoodStarts.Length - 1;
        int domains = p.Domains.Count;
        double rho = pop[PopulationParameters.DeprivationIncomeCorrelation], residual = Math.Sqrt(1 - rho * rho);
        double olderShare = pop[PopulationParameters.OlderShare], femaleShare = pop[PopulationParameters.FemaleShare], carerShare = pop[PopulationParameters.CarerShare];
        double conditionalShare = pop[PopulationParameters.ConditionalShare], freeRiderShare = pop[PopulationParameters.FreeRiderShare];
        double meanAvailable = pop[PopulationParameters.MeanAvailableHours], caringScale = pop[PopulationParameters.CaringLoadScale];
        double[] depZ = new double[neighbourhoods];
        for (int n = 0; n < neighbourhoods; n++) depZ[n] = Normal.InvCDF(0, 1, Deprivation(n, neighbourhoods));
        double[] domainNeed = p.Domains.Select(d => d[DomainParameters.Need]).ToArray();
        double[] incidences = p.Domains.Select(d => d[DomainParameters.Incidence]).ToArray();
        double threshold = p.Behaviour[BehaviourParameters.BurnoutThreshold];
        // Older people have more time for co-production; the factors keep the population mean at mean_available_hours.
        double youngerFactor = (1 - OlderTimeFactor * olderShare) / Math.Max(1e-9, 1 - olderShare);

        Parallel.For(0, partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            PartitionRange range = partitions[part];
            int hood = 0;
            while (hood < neighbourhoods - 1 && range.Start >= neighbourhoodStarts[hood + 1]) hood++;
            for (int i = range.Start; i < range.End; i++)
            {
                while (i >= neighbourhoodStarts[hood + 1]) hood++;
                var rng = new RandomStream(seed, i, 0, Purposes.Synthesis);
                double dep = Deprivation(hood, neighbourhoods);
                ref Citizen ci = ref c.State[i];
                ci.Neighbourhood = hood;
                // Income quintile from a latent normal correlated (negatively) with the neighbourhood's deprivation;
                // the marginal distribution stays uniform over quintiles.
                double latent = -rho * depZ[hood] + residual * rng.NextStandardNormal();
                int q = Math.Min(4, (int)(5 * Normal.CDF(0, 1, latent)));
                ci.Quintile = (byte)q;
                double x = q / 4.0; // 0 for the most deprived quintile, 1 for the least
                bool older = rng.NextDouble() < olderShare;
                ci.Older = older;
                ci.Female = rng.NextDouble() < femaleShare;
                double u = rng.NextDouble();
                ci.Type = u < conditionalShare ? BehaviouralType.ConditionalCooperator
                    : u < conditionalShare + freeRiderShare ? BehaviouralType.FreeRider
                    : BehaviouralType.UnconditionalCooperator;
                double load = 0;
                if (rng.NextDouble() < carerShare * (1 + CarerDeprivationSlope * (dep - 0.5)))
                {
                    double heavy = CaringBands[2].Share * (1 + HeavyCareDeprivationSlope * (dep - 0.5));
                    double lighter = (1 - heavy) / (CaringBands[0].Share + CaringBands[1].Share);
                    double band = rng.NextDouble();
                    var (_, low, high) = band < CaringBands[0].Share * lighter ? CaringBands[0]
                        : band < (CaringBands[0].Share + CaringBands[1].Share) * lighter ? CaringBands[1] : CaringBands[2];
                    load = (low + (high - low) * rng.NextDouble()) * WeeksPerMonth * caringScale;
                }
                ci.CaringLoad = (float)load;
                // Gamma(2) time budget; caring takes a quarter of its hours out of the time left for co-production.
                double baseHours = rng.NextGamma(2) * meanAvailable / 2 * (older ? OlderTimeFactor : youngerFactor);
                ci.AvailableHours = (float)Math.Max(0, baseHours - CaringTimeShare * load);
                // Assets rise with income (self-efficacy, skills: Parrado et al. 2013; trust), risk behaviour falls.
                ci.Efficacy = (float)rng.NextBetaMean(EfficacyBase + EfficacyPerIncome * x - EfficacyPerDeprivation * dep, EfficacyConcentration);
                ci.Trust = (float)rng.NextBetaMean(TrustBase + TrustPerIncome * x, TrustConcentration);
                ci.WarmGlow = (float)rng.NextBetaMean(WarmGlowMean, WarmGlowConcentration);
                double risk = rng.NextBetaMean(RiskBase - RiskPerIncome * x, RiskConcentration);
                ci.Risk = (float)risk;
                ci.BurnoutThreshold = (float)Math.Max(ThresholdFloor * threshold, threshold * (1 + ThresholdSd * rng.NextStandardNormal()));
                // Fatigue starts at zero here; the model then settles carers' fatigue and burnout under traditional
                // provision with the dynamics' own functions (CoProductionModel.InitialiseFatigue).
                ci.EngagedMode = -1;
                c.EngagedModePrevious[i] = -1;
                ci.LastEngaged = CoProductionModel.NeverEngaged;
                for (int d = 0; d < domains; d++)
                {
                    ref CitizenDomain cd = ref c.ByDomain[i * domains + d];
                    cd.Skill = (float)rng.NextBetaMean(SkillBase + SkillPerIncome * x, SkillConcentration);
                    // Need rises with the neighbourhood's deprivation and with low income.
                    double needBase = Math.Clamp(domainNeed[d] * (NeedAtNoDeprivation + dep) * (NeedAtLowestIncome - NeedPerIncome * x), 0, 1);
                    cd.NeedBase = (float)needBase;
                    // Need starts at its expected level under harmful events, from the function the outcomes phase
                    // uses (Behaviour/Wellbeing.cs); well-being is set by the model once services are planned.
                    double events = Behaviour.Wellbeing.EventRate(incidences[d], risk);
                    double need = Behaviour.Wellbeing.ExpectedNeed(needBase, risk, events);
                    cd.Need = (float)need;
                }
            }
        });
    }
}
