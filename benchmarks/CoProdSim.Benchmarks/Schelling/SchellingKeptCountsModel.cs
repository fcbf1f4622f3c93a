using System.Runtime.CompilerServices;
using CoProdSim.Engine;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Benchmarks.Schelling;

/// <summary>
/// Schelling's segregation model with neighbour counts kept per cell: the second, labelled variant of the yardstick
/// (<c>schelling large --variant kept-counts</c>). Its rules and results follow the JuliaDynamics ABM framework
/// comparison's specification, but not its work: the comparison times a neighbour search at every activation and
/// explicit agents with a happy flag (<see cref="SchellingModel"/>), whereas here a happiness check is one look-up in
/// counts updated at each move, so its time must not be set beside the frameworks' figures. Otherwise: a grid without wrap-around, at most one agent per cell, exactly K agents in two equal groups on
/// distinct random cells. Each step shuffles all agents and activates each once; an unhappy agent (fewer than
/// MinSimilar same-group neighbours within Chebyshev distance Radius, own cell excluded) moves at once to an empty
/// cell chosen uniformly at random, and later agents see the move. Agents persist: they are never deleted and
/// re-created. Activation is sequential by specification, so a step is one serial phase; all randomness comes from
/// keyed streams, so a seed gives one history.
/// </summary>
public sealed class SchellingKeptCountsModel : ISimulationModel
{
    private readonly SchellingSpec _spec;
    private readonly sbyte[] _cellGroup;    // group of the agent in each cell, -1 when empty
    private readonly int[] _position;       // cell of each agent
    private readonly sbyte[] _group;        // group of each agent (0 or 1)
    private readonly EmptyCells _empty;
    private readonly int[] _order;          // activation order, reshuffled each step
    private readonly short[] _alike;        // [cell * 2 + group]: agents of that group within Radius of the cell, the cell excluded

    /// <summary>Builds the grid and places the agents with seed <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // as SchellingModel's: runs are too short for tiering
    public SchellingKeptCountsModel(SchellingSpec spec, ulong seed)
    {
        _spec = spec;
        int cells = spec.Width * spec.Height;
        int[] placed = SchellingGrid.Place(spec, seed);
        _cellGroup = new sbyte[cells];
        _position = new int[spec.Agents];
        _group = new sbyte[spec.Agents];
        _order = new int[spec.Agents];
        _alike = new short[cells * 2];
        Seed = seed;
        Array.Fill(_cellGroup, (sbyte)-1);
        for (int a = 0; a < spec.Agents; a++)
        {
            _group[a] = (sbyte)(a < spec.Agents / 2 ? 0 : 1);
            _position[a] = placed[a];
            _cellGroup[placed[a]] = _group[a];
            _order[a] = a;
        }
        // Neighbour counts are kept per cell, so happiness is a look-up and a move updates the 2 x 24 cells around
        // its two ends, instead of rescanning 25 cells at every activation.
        for (int a = 0; a < spec.Agents; a++) AddAround(_position[a], _group[a], +1);
        _empty = new EmptyCells(placed, spec.Agents);
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

    /// <summary>Moves made in the last step.</summary>
    public int LastMoves { get; private set; }

    /// <summary>Agents' cells (for tests).</summary>
    public ReadOnlySpan<int> Positions => _position;

    /// <summary>Groups by cell, -1 for empty (for tests).</summary>
    public ReadOnlySpan<sbyte> Cells => _cellGroup;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(in TickContext tick)
    {
        var rng = new RandomStream(Seed, 0, tick.Tick, 2);
        SchellingGrid.Shuffle(_order, ref rng);
        int n = _order.Length;
        int moves = 0;
        for (int k = 0; k < n; k++)
        {
            int a = _order[k];
            if (IsHappy(a)) continue;
            // Move at once to an empty cell chosen uniformly at random; the vacated cell becomes empty.
            int from = _position[a];
            int to = _empty.TakeRandom(ref rng, from);
            AddAround(from, _group[a], -1);
            AddAround(to, _group[a], +1);
            _cellGroup[to] = _group[a];
            _cellGroup[from] = -1;
            _position[a] = to;
            moves++;
        }
        LastMoves = moves;
    }

    /// <summary>True when agent <paramref name="a"/> has at least MinSimilar neighbours of its group.</summary>
    public bool IsHappy(int a) => _alike[_position[a] * 2 + _group[a]] >= _spec.MinSimilar;

    /// <summary>The same, counted from the grid (for tests: the kept counts must agree with it).</summary>
    public bool IsHappyByScan(int a)
    {
        int w = _spec.Width, h = _spec.Height, r = _spec.Radius;
        int cell = _position[a], x = cell % w, y = cell / w;
        sbyte g = _group[a];
        int x0 = Math.Max(0, x - r), x1 = Math.Min(w - 1, x + r), y0 = Math.Max(0, y - r), y1 = Math.Min(h - 1, y + r);
        int similar = 0;
        for (int yy = y0; yy <= y1; yy++)
        {
            int rowStart = yy * w;
            for (int xx = x0; xx <= x1; xx++) if (_cellGroup[rowStart + xx] == g) similar++;
        }
        similar--; // own cell excluded
        return similar >= _spec.MinSimilar;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddAround(int cell, int group, short delta)
    {
        int w = _spec.Width, h = _spec.Height, r = _spec.Radius;
        int x = cell % w, y = cell / w;
        int x0 = Math.Max(0, x - r), x1 = Math.Min(w - 1, x + r), y0 = Math.Max(0, y - r), y1 = Math.Min(h - 1, y + r);
        short[] alike = _alike;
        for (int yy = y0; yy <= y1; yy++)
        {
            int rowStart = yy * w;
            for (int xx = x0; xx <= x1; xx++) alike[(rowStart + xx) * 2 + group] += delta;
        }
        alike[cell * 2 + group] -= delta; // the cell itself is not its own neighbour
    }

    /// <summary>Number of unhappy agents now.</summary>
    public int CountUnhappy()
    {
        int unhappy = 0;
        for (int a = 0; a < _position.Length; a++) if (!IsHappy(a)) unhappy++;
        return unhappy;
    }

    /// <inheritdoc />
    public void WriteMetrics(long tick, Span<double> values)
    {
        values[0] = CountUnhappy();
        values[1] = LastMoves;
    }

    /// <summary>Builds a model and runs 20 steps, as timed by the comparison (no recording).</summary>
    public static SchellingKeptCountsModel BuildAndRun(SchellingSpec spec, ulong seed, int steps = 20)
    {
        var model = new SchellingKeptCountsModel(spec, seed);
        using var sim = new Simulation(model, threads: 1);
        for (int s = 0; s < steps; s++) sim.Step();
        return model;
    }
}
