using CoProdSim.Engine;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Production;

namespace CoProdSim.Model;

/// <summary>
/// The co-production model (docs/odd.md). One tick is one month, in the order of the model brief (section 4):
/// plan (public bodies allocate) - decide (citizens engage) - deliver (word-of-mouth invitations) -
/// produce (community groups, fit, CES production) - outcomes and feedback (well-being, need, fatigue, trust) -
/// record. Citizen phases run per partition in parallel; neighbourhood-level phases are serial and small.
/// Split into partial files by concern: Planning, Decisions, Production, Outcomes, Metrics.
/// </summary>
public sealed partial class CoProductionModel : ISimulationModel
{
    private readonly ModelParameters _p;
    private readonly ulong _seed;
    private readonly Citizens _c;
    private readonly SocialNetwork _network;
    private readonly MessageBus<PeerInvitation> _bus;
    private readonly int _n;          // neighbourhoods
    private readonly int _d;          // domains
    private readonly int[] _hoodStart;
    private readonly int[] _hoodPopulation;
    private readonly double[] _hoodDeprivation;
    private readonly double[] _rho;   // per domain
    private readonly double[] _mpReference; // per domain: marginal product of citizen input at baseline
    private readonly int[] _bodyOfDomain;
    private readonly double[] _incidence; // per domain, copied out of the parameters for the hot loop
    private readonly double _totalCaringLoad;
    private readonly int _carers;

    /// <summary>A contact's invitation to co-produce, carried between partitions by the message bus.</summary>
    public readonly record struct PeerInvitation(int From);

    /// <summary>Builds the population, its network and the public bodies; <paramref name="threads"/> only speeds this up.</summary>
    public CoProductionModel(ModelParameters parameters, ulong seed, int threads = 1)
    {
        IReadOnlyList<ParameterError> errors = ParameterCatalog.Validate(parameters);
        if (errors.Count > 0)
            throw new ArgumentException("invalid parameters: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")), nameof(parameters));
        _p = parameters;
        _seed = seed;
        _n = parameters.Population.Neighbourhoods;
        _d = parameters.Domains.Count;
        int citizens = parameters.Population.Citizens;
        Partitions = new Partitioning(citizens, parameters.Partitions);
        _hoodStart = PopulationBuilder.NeighbourhoodStarts(citizens, _n);
        _hoodPopulation = new int[_n];
        _hoodDeprivation = new double[_n];
        for (int h = 0; h < _n; h++)
        {
            _hoodPopulation[h] = _hoodStart[h + 1] - _hoodStart[h];
            _hoodDeprivation[h] = PopulationBuilder.Deprivation(h, _n);
        }
        _c = new Citizens(citizens, _d);
        PopulationBuilder.Fill(_c, parameters, seed, _hoodStart, Partitions, threads);
        _network = SocialNetwork.Build(seed, _hoodStart, parameters.Population.Contacts, parameters.Population.Rewiring, Partitions, threads);
        _bus = new MessageBus<PeerInvitation>(Partitions);

        double load = 0;
        for (int i = 0; i < citizens; i++)
        {
            load += _c.CaringLoad[i];
            if (_c.CaringLoad[i] > 0) _carers++;
        }
        _totalCaringLoad = load;

        _incidence = parameters.Domains.Select(d => d.Incidence).ToArray();
        _rho = new double[_d];
        _mpReference = new double[_d];
        _bodyOfDomain = new int[_d];
        for (int d = 0; d < _d; d++)
        {
            DomainParameters dom = parameters.Domains[d];
            _rho[d] = Ces.RhoFromSigma(dom.Sigma);
            _mpReference[d] = Ces.MarginalCitizenProduct(dom.Productivity, dom.Alpha, _rho[d], parameters.Behaviour.InitialFit, 1.0);
            _bodyOfDomain[d] = -1;
        }
        for (int b = 0; b < parameters.PublicBodies.Count; b++)
        {
            PublicBodyParameters body = parameters.PublicBodies[b];
            for (int d = 0; d < _d; d++)
                if (body.Domains.Count == 0 || body.Domains.Contains(parameters.Domains[d].Name)) _bodyOfDomain[d] = b;
        }

        InitialiseServices();
        InitialiseMetrics();
        Phases =
        [
            new SerialPhase("plan", Plan),
            new PartitionedPhase("decide", Decide),
            new PartitionedPhase("deliver-invitations", DeliverInvitations),
            new SerialPhase("produce", Produce),
            new PartitionedPhase("outcomes-and-feedback", OutcomesAndFeedback),
            new SerialPhase("summarise", Summarise),
        ];
        ObserveInitialState();
    }

    /// <inheritdoc />
    public ulong Seed => _seed;

    /// <summary>The parameters this model runs with.</summary>
    public ModelParameters Parameters => _p;

    /// <summary>The citizens' state (read-only use outside the model).</summary>
    public Citizens Citizens => _c;

    /// <summary>The social network.</summary>
    public SocialNetwork Network => _network;

    /// <inheritdoc />
    public Partitioning Partitions { get; }

    /// <inheritdoc />
    public IReadOnlyList<Phase> Phases { get; }
}
