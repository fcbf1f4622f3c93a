using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CoProdSim.Engine;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Benchmarks.Schelling;

/// <summary>
/// One Schelling agent, as the framework comparison declares it: an id, a position, a group and a happy flag.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SchellingAgent
{
    /// <summary>The agent's id (its index in the agent table).</summary>
    public int Id;

    /// <summary>The cell it occupies (y * width + x).</summary>
    public int Position;

    /// <summary>Its group, 0 or 1.</summary>
    public byte Group;

    /// <summary>Set at its last activation: true when it had at least MinSimilar same-group neighbours.</summary>
    public bool Happy;
}

/// <summary>
/// Schelling's segregation model on the CoProdSim engine, to the declaration of the ABM framework comparison
/// (Datseris, Vahdati, DuBois 2022, "Agents.jl: a performant and feature-full agent-based modeling software of
/// minimal code complexity", Simulation 100(10); the JuliaDynamics ABM_Framework_Comparisons repository, whose
/// Agents.jl, Mesa and NetLogo versions this mirrors). What it times is the neighbour search and the move:
/// agents are explicit entities (<see cref="SchellingAgent"/>) on a grid that holds, per cell, the id of its agent
/// (or the id of a sentinel that marks it empty), without wrap-around, at most one agent per cell; exactly K agents in two equal groups start on distinct
/// random cells. Each step shuffles all agents into a new random order and activates each once, in turn: the agent
/// searches the cells within Chebyshev distance Radius of its own (own cell excluded), looks up the group of each
/// agent found there, counts those of its group, sets its happy flag, and when unhappy (fewer than MinSimilar alike)
/// moves at once to an empty cell chosen uniformly at random; later agents see the move. Nothing is cached between
/// activations. Activation is sequential by declaration, so a step is one serial phase; all randomness comes from
/// keyed streams, so a seed gives one history.
/// </summary>
public sealed class SchellingModel : ISimulationModel
{
    private readonly SchellingSpec _spec;
    private readonly SchellingAgent[] _agents;
    private readonly int[] _grid;           // id of the agent in each cell; Empty (= K) when empty
    private readonly int _emptyId;          // the id that marks an empty cell: the index of a sentinel agent of no group
    private readonly EmptyCells _empty;
    private readonly int[] _order;          // activation order, reshuffled each step

    /// <summary>Builds the grid and places the agents with seed <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // see Step
    public SchellingModel(SchellingSpec spec, ulong seed)
    {
        _spec = spec;
        int[] placed = SchellingGrid.Place(spec, seed);
        // One more slot than agents: a sentinel of no group (255) that every empty cell points to, so the search
        // follows every cell to an agent and compares groups without a branch on emptiness.
        _agents = new SchellingAgent[spec.Agents + 1];
        _emptyId = spec.Agents;
        _agents[_emptyId] = new SchellingAgent { Id = _emptyId, Position = -1, Group = byte.MaxValue };
        _grid = new int[spec.Width * spec.Height];
        _order = new int[spec.Agents];
        Array.Fill(_grid, _emptyId);
        for (int a = 0; a < spec.Agents; a++)
        {
            _agents[a] = new SchellingAgent { Id = a, Position = placed[a], Group = (byte)(a < spec.Agents / 2 ? 0 : 1) };
            _grid[placed[a]] = a;
            _order[a] = a;
        }
        _empty = new EmptyCells(placed, spec.Agents);
        Seed = seed;
        Partitions = new Partitioning(spec.Agents, 1);
        Phases = [new SerialPhase("step", Step)];
    }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <inheritdoc />
    public Partitioning Partitions { get; }

    /// <inheritdoc />
    public IReadOnlyList<Phase> Phases { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames { get; } = ["unhappy", "moves"];

    /// <summary>Moves made in the last step (the agents that found themselves unhappy at their activation).</summary>
    public int LastMoves { get; private set; }

    /// <summary>Steps run so far.</summary>
    public int Steps { get; private set; }

    /// <summary>The agents (for tests).</summary>
    public ReadOnlySpan<SchellingAgent> Agents => _agents.AsSpan(0, _emptyId);

    /// <summary>Agent id by cell, K (the number of agents) for an empty cell (for tests).</summary>
    public ReadOnlySpan<int> Grid => _grid;

    /// <summary>The empty cells (for tests).</summary>
    public ReadOnlySpan<int> EmptyCells => _empty.Cells;

    /// <summary>The spec it was built with.</summary>
    public SchellingSpec Spec => _spec;

    // Fully optimised at first call, as are the build and the shuffle: a run lasts milliseconds, too short for tiered
    // compilation to promote anything (30 small runs take 11 ms in all), and the comparison's other frameworks are
    // timed compiled (Julia) or warm.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(in TickContext tick)
    {
        var rng = new RandomStream(Seed, 0, tick.Tick, 2);
        SchellingGrid.Shuffle(_order, ref rng);
        SchellingAgent[] agents = _agents;
        int[] grid = _grid;
        int min = _spec.MinSimilar;
        int moves = 0;
        for (int k = 0; k < _order.Length; k++)
        {
            ref SchellingAgent agent = ref agents[_order[k]];
            if (CountAlike(agent.Id) >= min)
            {
                agent.Happy = true;
                continue;
            }
            agent.Happy = false;
            int from = agent.Position;
            int to = _empty.TakeRandom(ref rng, from);
            grid[to] = agent.Id;
            grid[from] = _emptyId;
            agent.Position = to;
            moves++;
        }
        LastMoves = moves;
        Steps++;
    }

    /// <summary>
    /// The neighbour search: agents of agent <paramref name="a"/>'s group in the cells within Chebyshev distance
    /// Radius of its cell (clipped at the edges), itself excluded. Each occupied cell is followed to its agent, whose
    /// group is read there, as a framework's "nearby agents" does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int CountAlike(int a)
    {
        int w = _spec.Width, h = _spec.Height, r = _spec.Radius;
        SchellingAgent[] agents = _agents;
        int[] grid = _grid;
        int cell = agents[a].Position, x = cell % w, y = cell / w;
        byte g = agents[a].Group;
        int x0 = Math.Max(0, x - r), x1 = Math.Min(w - 1, x + r), y0 = Math.Max(0, y - r), y1 = Math.Min(h - 1, y + r);
        int alike = 0;
        for (int yy = y0; yy <= y1; yy++)
        {
            int rowStart = yy * w;
            for (int xx = x0; xx <= x1; xx++) alike += agents[grid[rowStart + xx]].Group == g ? 1 : 0;
        }
        return alike - 1; // the agent itself was counted
    }

    /// <summary>Agents whose happy flag is down (those that moved at their last activation); before the first step,
    /// those that a search finds unhappy where they were placed.</summary>
    public int CountUnhappy()
    {
        int unhappy = 0;
        for (int a = 0; a < _emptyId; a++)
        {
            bool happy = Steps > 0 ? _agents[a].Happy : CountAlike(a) >= _spec.MinSimilar;
            if (!happy) unhappy++;
        }
        return unhappy;
    }

    /// <summary>Segregation index: the mean, over agents with at least one neighbour, of the share of their
    /// neighbours that are of their group (0.5 expected at random placement, 1 when fully segregated).</summary>
    public double SegregationIndex()
    {
        double sum = 0;
        int counted = 0;
        int w = _spec.Width, h = _spec.Height, r = _spec.Radius;
        for (int a = 0; a < _emptyId; a++)
        {
            int cell = _agents[a].Position, x = cell % w, y = cell / w, neighbours = 0;
            for (int yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r); yy++)
                for (int xx = Math.Max(0, x - r); xx <= Math.Min(w - 1, x + r); xx++)
                    if (_grid[yy * w + xx] != _emptyId && _grid[yy * w + xx] != a) neighbours++;
            if (neighbours == 0) continue;
            sum += (double)CountAlike(a) / neighbours;
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }

    /// <inheritdoc />
    public void WriteMetrics(long tick, Span<double> values)
    {
        values[0] = CountUnhappy();
        values[1] = LastMoves;
    }

    /// <summary>Builds a model and runs 20 steps, as timed by the comparison (no recording).</summary>
    public static SchellingModel BuildAndRun(SchellingSpec spec, ulong seed, int steps = 20)
    {
        var model = new SchellingModel(spec, seed);
        using var sim = new Simulation(model, threads: 1);
        for (int s = 0; s < steps; s++) sim.Step();
        return model;
    }
}
