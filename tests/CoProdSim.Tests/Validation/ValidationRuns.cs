using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Tests.Experiments;
using CoProdSim.Tests.Model;

namespace CoProdSim.Tests.Validation;

/// <summary>
/// The runs behind the validation figures (docs/validation.md), each made once per test session and shared by the
/// tests that read it. Dynamic facts come from the shipped scenarios, with their own populations and the seeds of
/// their first replications; population facts from the population every scenario shares, synthesised larger so
/// that shares of a few percent are measured to a tenth of a point.
/// </summary>
internal static class ValidationRuns
{
    /// <summary>Replications per arm: the first three of each shipped scenario.</summary>
    public const int Replications = 3;

    /// <summary>Citizens of the population-only figures (synthesis takes a fraction of a second).</summary>
    public const int PopulationCitizens = 60_000;

    /// <summary>The last year of a five-year run, months 49 to 60: after burnout and trust have settled.</summary>
    public const int LastYearFrom = 49, LastYearTo = 60;

    public static Scenario Load(string file) => ScenarioLoader.Load(RepoPaths.Of("scenarios", file));

    public static readonly Lazy<Scenario> Compare = new(() => Load("compare-strategies.yaml"));
    public static readonly Lazy<Scenario> Respite = new(() => Load("carers-respite.yaml"));

    /// <summary>Parameters of strategy <paramref name="name"/> of <paramref name="scenario"/>, as the runner builds them.</summary>
    public static ModelParameters Strategy(Scenario scenario, string name)
    {
        int k = scenario.Strategies.Select(s => s.Name).ToList().IndexOf(name);
        if (k < 0) throw new ArgumentException($"{scenario.Name} has no strategy '{name}'");
        return RunPlan.ParametersFor(scenario, 0, k);
    }

    /// <summary>The seeds of the scenario's first <see cref="Replications"/> replications.</summary>
    public static ulong[] Seeds(Scenario scenario) => Enumerable.Range(0, Replications).Select(r => RunPlan.ReplicationSeed(scenario.Seed, r)).ToArray();

    /// <summary>One run per seed of <paramref name="scenario"/>, in parallel.</summary>
    public static ModelRun[] Runs(Scenario scenario, ModelParameters p) => Paired.Replicate(seed => ModelRun.Of(p, seed), Seeds(scenario));

    private static Lazy<ModelRun[]> CompareArm(string strategy, Func<ModelParameters, ModelParameters>? change = null) =>
        new(() =>
        {
            ModelParameters p = Strategy(Compare.Value, strategy);
            return Runs(Compare.Value, change is null ? p : change(p));
        });

    public static readonly Lazy<ModelRun[]> Traditional = CompareArm("traditional");
    public static readonly Lazy<ModelRun[]> InsideOut = CompareArm("inside-out");
    public static readonly Lazy<ModelRun[]> FourCos = CompareArm("four-cos");
    public static readonly Lazy<ModelRun[]> CostCutting = CompareArm("cost-cutting");

    /// <summary>Inside-out without recognition (the preset's 0.4 set to 0): the control for the decay of cooperation.</summary>
    public static readonly Lazy<ModelRun[]> InsideOutNoRecognition = CompareArm("inside-out", p => p.With(StrategyLevers.Recognition, 0).With(BehaviourParameters.CommitmentHours, 0));

    /// <summary>Inside-out as shipped but with hours held equal across experience (commitment_hours 0): the arm with recognition for the decay of cooperation.</summary>
    public static readonly Lazy<ModelRun[]> InsideOutNoCommitment = CompareArm("inside-out", p => p.With(BehaviourParameters.CommitmentHours, 0));

    /// <summary>Inside-out with no own benefit of co-production (self-management switched off): the control for its QALY gain.</summary>
    public static readonly Lazy<ModelRun[]> InsideOutNoOwnBenefit = CompareArm("inside-out", p => p.With(BehaviourParameters.OwnBenefit, 0));

    /// <summary>Inside-out without the area term of the engagement choice: how much of the deprivation gradient it makes.</summary>
    public static readonly Lazy<ModelRun[]> InsideOutNoAreaTerm = CompareArm("inside-out", p => p.With(BehaviourParameters.AreaOpportunity, 0));

    /// <summary>Four-cos with cost-cutting's 20% cut: a cut with support and recognition kept.</summary>
    public static readonly Lazy<ModelRun[]> FourCosCut = CompareArm("four-cos", p => p.With(StrategyLevers.BudgetChange, -0.2));

    /// <summary>Cost-cutting with perception at once (perception_rate 1): how much of the lag of trust behind a cut the perception lag makes.</summary>
    public static readonly Lazy<ModelRun[]> CostCuttingImmediate = CompareArm("cost-cutting", p => p.With(BehaviourParameters.PerceptionRate, 1));

    /// <summary>Cost-cutting with a just-noticeable share of 5% instead of 10%: how much the size of trust's fall rests on the threshold.</summary>
    public static readonly Lazy<ModelRun[]> CostCuttingNoticeable5 = CompareArm("cost-cutting", p => p.With(BehaviourParameters.NoticeableChange, 0.05));

    public static readonly Lazy<ModelRun[]> NoRespite = new(() => Runs(Respite.Value, Strategy(Respite.Value, "no-respite")));
    public static readonly Lazy<ModelRun[]> SomeRespite = new(() => Runs(Respite.Value, Strategy(Respite.Value, "some-respite")));
    public static readonly Lazy<ModelRun[]> MostRespite = new(() => Runs(Respite.Value, Strategy(Respite.Value, "most-respite")));

    /// <summary>The population every scenario shares (compare-strategies' town, more citizens), synthesised only.</summary>
    public static readonly Lazy<CoProductionModel> Population = new(() =>
    {
        Scenario s = Compare.Value;
        ModelParameters p = s.Model with
        {
            Population = s.Model.Population.With(PopulationParameters.Citizens, PopulationCitizens),
            Strategy = StrategyPresets.Traditional,
        };
        return new CoProductionModel(p, s.Seed, Environment.ProcessorCount);
    });

    /// <summary>Mean over replications of the metric's mean over the last year.</summary>
    public static double LastYear(ModelRun[] runs, string metric) => runs.Average(r => r.Mean(metric, LastYearFrom, LastYearTo));

    /// <summary>Census caring band of a monthly caring load (at caring_load_scale <paramref name="scale"/>): 0 none, 1 up to 19 h a week, 2 20-49 h, 3 50 h or more.</summary>
    public static int CaringBand(double monthlyLoad, double scale)
    {
        if (monthlyLoad <= 0) return 0;
        double weekly = monthlyLoad / scale / (52.0 / 12.0);
        return weekly < 19.5 ? 1 : weekly < 49.5 ? 2 : 3;
    }

    /// <summary>Mean well-being (0-1, over domains) of citizen <paramref name="i"/>.</summary>
    public static double Wellbeing(Citizens c, int i)
    {
        double sum = 0;
        foreach (CitizenDomain x in c.DomainsOf(i)) sum += x.Wellbeing;
        return sum / c.Domains;
    }

    /// <summary>Total of a metric over months <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static double Sum(ModelRun r, string metric, int from, int to) => r.Mean(metric, from, to) * (to - from + 1);

    public static int Citizens(ModelRun r) => r.Model.Citizens.Count;

    public static readonly string Participation = MetricCatalog.ParticipationRate;
}
