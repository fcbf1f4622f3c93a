using CoProdSim.Engine;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;
using CoProdSim.Model.Services;

namespace CoProdSim.Model;

/// <summary>
/// The co-production model (docs/odd.md). One tick is one month: plan (public bodies allocate) - decide (citizens
/// engage) - deliver (word-of-mouth invitations) - produce (community groups, fit, CES production) - outcomes and
/// feedback (well-being, need, fatigue, trust) - summarise. Citizen phases run per partition in parallel;
/// neighbourhood-level phases are serial and small.
/// <para>
/// State is split by concern, each part written by one phase file: <see cref="Citizens"/> (per citizen; decide
/// writes the month's engagement, outcomes the rest), <see cref="MonthlyPlan"/> (<c>CoProductionModel.Plan.cs</c>),
/// <see cref="DecisionTallies"/> (<c>CoProductionModel.Decide.cs</c>), <see cref="ServiceState"/>
/// (<c>CoProductionModel.Produce.cs</c>), <see cref="Observations"/> (<c>CoProductionModel.Outcomes.cs</c>, summed in
/// <c>CoProductionModel.Metrics.cs</c>). <see cref="Town"/> is fixed after construction.
/// </para>
/// </summary>
public sealed partial class CoProductionModel : ISimulationModel
{
    private readonly ModelParameters _p;
    private readonly StreamSeed _streams;   // the seed folded once: every stream of the run is keyed from it
    private readonly Citizens _c;
    private readonly Town _town;
    private readonly SocialNetwork _network;
    private readonly MessageBus<PeerInvitation> _bus;
    private readonly int _n;          // neighbourhoods
    private readonly int _d;          // domains
    private readonly DomainCoefficients[] _domains;
    private readonly double[] _eventsPerRisk;  // per domain: harmful events a month per unit of risk behaviour
    private readonly int[] _bodyOfDomain;
    private readonly EngagementCoefficients _engagement;
    private readonly double[] _areaShift;   // per neighbourhood: the engagement logit's area term (7.2), fixed with the town
    private readonly MonthlyPlan _plan;
    private readonly DecisionTallies _decisions;
    private readonly ServiceState _services;
    private readonly Observations _observations;
    private readonly string[] _metricNames;
    private readonly double _utilityAtZero;

    // The levers in force: traditional provision at the base budget while the starting state settles (what citizens
    // are used to), the strategy's from month 1, so a strategy's changes, a cut included, are news to citizens.
    private ParameterValues _levers = StrategyPresets.Traditional;
    private double[] _modeWeights;
    private bool _anyModeOpen;
    private readonly double[] _initialTrust;

    /// <summary>A contact's invitation to co-produce, carried between partitions by the message bus.</summary>
    public readonly record struct PeerInvitation(int From);

    /// <summary>
    /// Builds the population, its network and the public bodies from <paramref name="parameters"/>, with every random
    /// draw of the run keyed by <paramref name="seed"/>; <paramref name="threads"/> only speeds the build up.
    /// </summary>
    public CoProductionModel(ModelParameters parameters, ulong seed, int threads = 1)
    {
        IReadOnlyList<ParameterError> errors = ParameterCatalog.Validate(parameters);
        if (errors.Count > 0)
            throw new ArgumentException("invalid parameters: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")), nameof(parameters));
        _p = parameters;
        Seed = seed;
        _streams = new StreamSeed(seed);
        _n = parameters.Population[PopulationParameters.Neighbourhoods];
        _d = parameters.Domains.Count;
        int citizens = parameters.Population[PopulationParameters.Citizens];
        Partitions = new Partitioning(citizens, parameters.Partitions);
        int[] starts = PopulationBuilder.NeighbourhoodStarts(citizens, _n);
        _c = new Citizens(citizens, _d);
        PopulationBuilder.Fill(_c, parameters, seed, starts, Partitions, threads);
        _town = new Town(_c, starts);
        _network = SocialNetwork.Build(seed, starts, parameters.Population[PopulationParameters.Contacts], parameters.Population[PopulationParameters.Rewiring], Partitions, threads);
        // Outboxes sized for the traffic up front (at most one invitation per citizen a month; contacts are mostly
        // local, so the busiest pairs carry a few times the average of N / P^2): a buffer that doubles at a new
        // high-water mark allocates during a run, and the steady state is meant to allocate nothing. 8 bytes per
        // envelope: 8 MB of outboxes at 1,000,000 citizens in 64 partitions.
        _bus = new MessageBus<PeerInvitation>(Partitions, initialCapacityPerPair: Math.Max(32, citizens / (Partitions.Count * Partitions.Count)));
        _domains = DomainCoefficients.Of(parameters);
        _eventsPerRisk = _domains.Select(d => Wellbeing.EventsPerRisk(d.Incidence)).ToArray();
        _bodyOfDomain = BodyOfDomain(parameters);
        _engagement = new EngagementCoefficients(parameters.Behaviour);
        _areaShift = new double[_n];
        for (int h = 0; h < _n; h++) _areaShift[h] = Engagement.AreaShift(_engagement, _town.Deprivation[h]);
        _modeWeights = StrategyLevers.ModeWeights(_levers);
        _metricNames = MetricNamesFor(parameters);

        ParameterValues b = parameters.Behaviour;
        _utilityAtZero = b[BehaviourParameters.UtilityAtZero];
        _plan = new MonthlyPlan(_n, _d, parameters.PublicBodies.Count);
        for (int k = 0; k < parameters.PublicBodies.Count; k++) _plan.Openness[k] = parameters.PublicBodies[k][PublicBodyParameters.Openness];
        _decisions = new DecisionTallies(_n, _d, Partitions.Count);
        _services = new ServiceState(_n, _d, b[BehaviourParameters.InitialFit], b[BehaviourParameters.InitialExpectedHours]);
        _observations = new Observations(_n, _d, Partitions.Count);
        for (int h = 0; h < _n; h++)
            for (int d = 0; d < _d; d++) _services.Visibility[h * _d + d] = BaseVisibility(h);
        // The starting state is the steady state of traditional provision: need, the waiting list and what it does
        // to need settle together (a few rounds of month-0 planning), then services are produced and well-being
        // and expectations set to where they would hold.
        for (int round = 0; round < InitialRounds; round++)
        {
            ObserveInitialState();
            Plan(new TickContext(0));
            SettleNeedUnderWaiting();
        }
        ObserveInitialState();
        Plan(new TickContext(0));
        ComputeOutput();
        InitialiseWellbeing();
        // Trust as observed at the start (community activity does not change it): the reference of compliance.
        _initialTrust = (double[])_observations.MeanTrust.Clone();
        // Community activity that exists before any strategy, and what it adds to services, then well-being again.
        if (SettleCommunityActivity()) InitialiseWellbeing();
        ObserveInitialState();
        _levers = parameters.Strategy;
        _modeWeights = StrategyLevers.ModeWeights(_levers);
        _anyModeOpen = _modeWeights.Any(w => w > 0);
        Phases =
        [
            new SerialPhase("plan", Plan),
            new PartitionedPhase("decide", Decide),
            new PartitionedPhase("deliver-invitations", DeliverInvitations),
            new SerialPhase("produce", Produce),
            new PartitionedPhase("outcomes-and-feedback", OutcomesAndFeedback),
            new SerialPhase("summarise", Summarise),
        ];
    }

    /// <summary>Rounds of month-0 planning in which need and the waiting list settle before the run starts.</summary>
    private const int InitialRounds = 3;

    /// <summary>The metric columns a model with <paramref name="parameters"/> writes, in order.</summary>
    public static string[] MetricNamesFor(ModelParameters parameters) => MetricCatalog.Names(parameters.Domains.Select(d => d.Name).ToArray());

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>The parameters this model runs with.</summary>
    public ModelParameters Parameters => _p;

    /// <summary>The citizens' state (read-only use outside the model).</summary>
    public Citizens Citizens => _c;

    /// <summary>The town's fixed geography.</summary>
    public Town Town => _town;

    /// <summary>Service output Q of a (neighbourhood, domain, income quintile) cell this month (for tests).</summary>
    internal double OutputOf(int neighbourhood, int domain, int quintile) => _services.Output[(neighbourhood * _d + domain) * Town.Quintiles + quintile];

    /// <summary>The social network.</summary>
    public SocialNetwork Network => _network;

    /// <inheritdoc />
    public Partitioning Partitions { get; }

    /// <inheritdoc />
    public IReadOnlyList<Phase> Phases { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames => _metricNames;

    /// <summary>A domain's parameters as the phases read them, copied once out of the parameter table.</summary>
    private readonly record struct DomainCoefficients(double Productivity, double Alpha, double Rho, double CitizenBase, double Incidence, double BudgetWeight, double HoursPerNeed, double CarerRelief, double MarginalProductAtBaseline, double Personalisable)
    {
        public static DomainCoefficients[] Of(ModelParameters p)
        {
            double initialFit = p.Behaviour[BehaviourParameters.InitialFit];
            var result = new DomainCoefficients[p.Domains.Count];
            for (int d = 0; d < result.Length; d++)
            {
                Domain dom = p.Domains[d];
                double rho = Ces.RhoFromSigma(dom[DomainParameters.Sigma]);
                double productivity = dom[DomainParameters.Productivity], alpha = dom[DomainParameters.Alpha];
                result[d] = new DomainCoefficients(productivity, alpha, rho, dom[DomainParameters.CitizenBase], dom[DomainParameters.Incidence],
                    dom[DomainParameters.BudgetWeight], dom[DomainParameters.HoursPerNeed], dom[DomainParameters.CarerRelief], Ces.RelativeMarginalCitizenProduct(productivity, alpha, rho, initialFit, 1.0),
                    dom[DomainParameters.Personalisable]);
            }
            return result;
        }
    }
}
