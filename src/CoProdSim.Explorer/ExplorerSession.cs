using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CoProdSim.Charts;
using CoProdSim.Engine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Explorer;

/// <summary>Where a session's run stands.</summary>
public enum RunState
{
    /// <summary>At month 0, not started.</summary>
    Ready,
    /// <summary>Running, month after month at the chosen speed.</summary>
    Running,
    /// <summary>Paused part-way.</summary>
    Paused,
    /// <summary>Every month of the horizon done.</summary>
    Finished,
}

/// <summary>A lever changed part-way through a run: from which month, for which setting, from what to what.</summary>
public sealed record LeverChange(int Month, string Strategy, string Lever, string From, string To)
{
    /// <summary>"month 13, A: invitation_rate 0.15 -> 0.3".</summary>
    public override string ToString() => $"month {Month}, {Strategy}: {Lever} {From} -> {To}";
}

/// <summary>What applying new settings did.</summary>
public enum Applied
{
    /// <summary>Nothing changed.</summary>
    Nothing,
    /// <summary>Only strategy levers changed, part-way through a run: they apply from the next month.</summary>
    Levers,
    /// <summary>The run starts again at month 0 with the new settings.</summary>
    Restarted,
}

/// <summary>
/// One page's simulation (a browser tab): one setting, or two compared on the same town and seed, stepped month by
/// month on the server, each month's metrics and neighbourhoods kept and streamed to the page as events. Lever changes
/// part-way are applied between months and recorded with their month, so a run is reproducible from its settings,
/// seed and changes. All state is guarded by one lock; the run itself goes on a background task that takes one of the
/// server's slots for each month it computes.
/// </summary>
public sealed class ExplorerSession : IDisposable
{
    /// <summary>Fastest speed: no pause between months.</summary>
    public const double Fastest = 0;

    private readonly object _gate = new();
    private readonly SessionHub _hub;
    private readonly SettingsForm _form;
    private readonly List<(long Id, string Type, string Data)> _events = [];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId = 1;
    private Settings _settings;
    private Scenario _scenario;
    private Scenario? _pending;
    private Settings? _pendingSettings;
    private Arm[] _arms = [];
    private int _month;
    private double _speed = 10;
    private readonly List<LeverChange> _changes = [];
    private CancellationTokenSource? _loop;
    private long _lastSeen = Stopwatch.GetTimestamp();
    private int _watchers;
    private bool _disposed;

    private sealed record Arm(string Name, CoProductionModel Model, Simulation Simulation, List<double[]> Rows, List<NeighbourhoodState> Hoods);

    internal ExplorerSession(SessionHub hub, string id, SettingsForm form, Settings settings, Scenario scenario)
    {
        _hub = hub;
        Id = id;
        _form = form;
        _settings = settings;
        _scenario = scenario;
        lock (_gate) Build();
    }

    /// <summary>The session's id (random, 128 bits, hex): the page's key to it.</summary>
    public string Id { get; }

    /// <summary>Where the run stands.</summary>
    public RunState State { get; private set; }

    /// <summary>Months done.</summary>
    public int Month { get { lock (_gate) return _month; } }

    /// <summary>Lever changes made part-way, in order.</summary>
    public IReadOnlyList<LeverChange> Changes { get { lock (_gate) return _changes.ToArray(); } }

    /// <summary>Seconds since a request or an open page last touched the session (0 while a page is watching).</summary>
    public double IdleSeconds => Volatile.Read(ref _watchers) > 0 ? 0 : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSeen)).TotalSeconds;

    /// <summary>Marks the session as in use.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastSeen, Stopwatch.GetTimestamp());

    /// <summary>The settings in force.</summary>
    public Settings Settings { get { lock (_gate) return _pendingSettings ?? _settings; } }

    /// <summary>Rebuilds the towns from the scenario in force, back at month 0, and tells watching pages to start again.</summary>
    private void Build()
    {
        StopLoop();
        ulong seed = RunPlan.ReplicationSeed(_scenario.Seed, 0);
        _arms = new Arm[_scenario.Strategies.Count];
        for (int s = 0; s < _arms.Length; s++)
        {
            // Replication 1 of the exported scenario: the same parameters and seed as `coprodsim run` gives that run.
            var model = new CoProductionModel(RunPlan.ParametersFor(_scenario, 0, s), seed, threads: 1);
            var arm = new Arm(_scenario.Strategies[s].Name, model, new Simulation(model, threads: 1), [], []);
            Record(arm, 0);
            _arms[s] = arm;
        }
        _month = 0;
        _changes.Clear();
        _pending = null;
        _pendingSettings = null;
        State = RunState.Ready;
        _events.Clear();
        Publish("init", Init());
        Publish("month", MonthEvent(0));
        Publish("state", StateEvent());
    }

    private static void Record(Arm arm, long tick)
    {
        double[] row = new double[arm.Model.MetricNames.Count];
        arm.Model.WriteMetrics(tick, row);
        arm.Rows.Add(row);
        arm.Hoods.Add(arm.Model.DescribeNeighbourhoods());
    }

    /// <summary>
    /// Applies checked settings: part-way through a run, lever changes alone wait for the next month (and are
    /// recorded then); any other change, or any change at month 0 or after the end, starts again at month 0.
    /// </summary>
    public Applied Apply(Settings settings, Scenario scenario)
    {
        lock (_gate)
        {
            Scenario current = _pending ?? _scenario;
            var levers = SettingsForm.LeverChanges(current, scenario);
            bool midRun = _month > 0 && _month < _scenario.Model.Horizon;
            if (levers is not null && levers.Count == 0)
            {
                // Only labels (a preset's name) changed: keep them for the export, nothing to run differently.
                if (_pending is not null) { _pending = scenario; _pendingSettings = settings; }
                else { _scenario = scenario; _settings = settings; }
                return Applied.Nothing;
            }
            if (levers is not null && midRun)
            {
                _pending = scenario;
                _pendingSettings = settings;
                return Applied.Levers;
            }
            _settings = settings;
            _scenario = scenario;
            Build();
            return Applied.Restarted;
        }
    }

    /// <summary>Runs to the end at the chosen speed.</summary>
    public void Run()
    {
        lock (_gate)
        {
            if (_disposed || State is RunState.Running or RunState.Finished) return;
            State = RunState.Running;
            Publish("state", StateEvent());
            _loop = new CancellationTokenSource();
            CancellationToken token = _loop.Token;
            _ = Task.Run(() => LoopAsync(token), CancellationToken.None);
        }
    }

    /// <summary>Pauses after the month in progress.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (State != RunState.Running) return;
            StopLoop();
            State = RunState.Paused;
            Publish("state", StateEvent());
        }
    }

    /// <summary>Runs one month (pausing a running run first).</summary>
    public async Task StepAsync(CancellationToken cancel)
    {
        Pause();
        await _hub.Slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            _hub.EnterRun();
            lock (_gate)
            {
                if (State is RunState.Finished || _disposed) return;
                StepLocked();
                if (State == RunState.Ready) State = RunState.Paused;
                Publish("state", StateEvent());
            }
        }
        finally
        {
            _hub.ExitRun();
            _hub.Slots.Release();
        }
    }

    /// <summary>Back to month 0 with the settings in force (lever changes made part-way become the starting levers).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_pending is not null) { _scenario = _pending; _settings = _pendingSettings!; }
            Build();
        }
    }

    /// <summary>Months a second (<see cref="Fastest"/>: no pause).</summary>
    public double Speed
    {
        get { lock (_gate) return _speed; }
        set { lock (_gate) { _speed = value; Publish("state", StateEvent()); } }
    }

    private void StopLoop()
    {
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = null;
    }

    private async Task LoopAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!await _hub.Slots.WaitAsync(250, token).ConfigureAwait(false))
                {
                    // Every slot is busy with other pages' runs: say so, then wait for one.
                    lock (_gate) if (!token.IsCancellationRequested) Publish("state", StateEvent(waiting: true));
                    await _hub.Slots.WaitAsync(token).ConfigureAwait(false);
                }
                long started = Stopwatch.GetTimestamp();
                bool more;
                try
                {
                    _hub.EnterRun();
                    lock (_gate)
                    {
                        if (token.IsCancellationRequested) return;
                        StepLocked();
                        more = State == RunState.Running;
                    }
                }
                finally
                {
                    _hub.ExitRun();
                    _hub.Slots.Release();
                }
                if (!more) return;
                double speed = Speed;
                double wait = speed > 0 ? 1000 / speed - Stopwatch.GetElapsedTime(started).TotalMilliseconds : 0;
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
                else await Task.Yield();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                State = RunState.Paused;
                Publish("failure", new JsonObject { ["message"] = "the simulation stopped: " + ex.Message });
                Publish("state", StateEvent());
            }
        }
    }

    /// <summary>One month of every setting; pending lever changes first, recorded with the month they apply from.</summary>
    private void StepLocked()
    {
        if (_month >= _scenario.Model.Horizon) return;
        if (_pending is { } next)
        {
            var levers = SettingsForm.LeverChanges(_scenario, next)!;
            for (int s = 0; s < _arms.Length; s++) _arms[s].Model.ChangeStrategy(next.Strategies[s].Levers);
            foreach (var (s, p, from, to) in levers)
            {
                var change = new LeverChange(_month + 1, _arms[s].Name, p.Name, p.Format(from), p.Format(to));
                _changes.Add(change);
                Publish("change", ChangeEvent(change));
            }
            _scenario = next;
            _settings = _pendingSettings!;
            _pending = null;
            _pendingSettings = null;
        }
        foreach (Arm arm in _arms)
        {
            arm.Simulation.Step();
            Record(arm, arm.Simulation.Tick - 1);
        }
        _month++;
        Publish("month", MonthEvent(_month));
        if (_month >= _scenario.Model.Horizon)
        {
            State = RunState.Finished;
            StopLoop();
            Publish("state", StateEvent());
        }
    }

    private JsonObject Init()
    {
        // A and B keep the looks of the reports' first two strategies (blue solid, vermillion dashed) whatever their names.
        Look[] looks = [StrategyStyle.Presets["traditional"], StrategyStyle.Presets["inside-out"]];
        CoProductionModel first = _arms[0].Model;
        int hoods = first.Town.Neighbourhoods;
        return new JsonObject
        {
            ["strategies"] = new JsonArray(_arms.Select((a, i) => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["colour"] = looks[i].Hex,
                ["dash"] = looks[i].Dash,
                ["preset"] = _scenario.Strategies.First(s => s.Name == a.Name).Preset,
            }).ToArray()),
            ["metrics"] = new JsonArray(first.MetricNames.Select(m => (JsonNode)m).ToArray()),
            ["horizon"] = _scenario.Model.Horizon,
            ["seed"] = _scenario.Seed.ToString(CultureInfo.InvariantCulture),
            ["runSeed"] = RunPlan.ReplicationSeed(_scenario.Seed, 0).ToString(CultureInfo.InvariantCulture),
            ["citizens"] = first.Citizens.Count,
            ["neighbourhoods"] = new JsonObject
            {
                ["count"] = hoods,
                ["deprivation"] = Numbers(first.Town.Deprivation),
                ["population"] = new JsonArray(first.Town.Population.Select(p => (JsonNode)p).ToArray()),
            },
        };
    }

    private JsonObject MonthEvent(int month) => new()
    {
        ["month"] = month,
        ["values"] = new JsonArray(_arms.Select(a => (JsonNode)Numbers(a.Rows[month])).ToArray()),
        ["hoods"] = new JsonArray(_arms.Select(a =>
        {
            NeighbourhoodState h = a.Hoods[month];
            return (JsonNode)new JsonObject
            {
                ["outcome"] = Numbers(h.Outcome),
                ["participation"] = Numbers(h.Participation),
                ["trust"] = Numbers(h.Trust),
                ["burnout"] = Numbers(h.Burnout),
            };
        }).ToArray()),
    };

    private JsonObject StateEvent(bool waiting = false) => new()
    {
        ["state"] = State.ToString().ToLowerInvariant(),
        ["month"] = _month,
        ["horizon"] = _scenario.Model.Horizon,
        ["speed"] = _speed,
        ["waiting"] = waiting,
        ["pendingLevers"] = _pending is not null,
    };

    private static JsonObject ChangeEvent(LeverChange c) => new()
    {
        ["month"] = c.Month,
        ["strategy"] = c.Strategy,
        ["lever"] = c.Lever,
        ["from"] = c.From,
        ["to"] = c.To,
    };

    /// <summary>Numbers for JSON: a missing value (NaN) as null.</summary>
    private static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null).Select(v => (JsonNode?)v).ToArray());

    private void Publish(string type, JsonObject data)
    {
        _events.Add((_nextId++, type, data.ToJsonString()));
        TaskCompletionSource signal = _signal;
        _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }

    /// <summary>
    /// The events after <paramref name="lastId"/> (all since the last start when it is older), and a task that
    /// completes when there are more.
    /// </summary>
    public (IReadOnlyList<(long Id, string Type, string Data)> Events, Task More) EventsAfter(long lastId)
    {
        lock (_gate)
        {
            int from = _events.FindIndex(e => e.Id > lastId);
            if (_events.Count > 0 && lastId < _events[0].Id - 1) from = 0;
            return (from < 0 ? [] : _events.GetRange(from, _events.Count - from), _signal.Task);
        }
    }

    /// <summary>A page is watching (an open event stream): the session is not idle while one is.</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _watchers);
        return new Unwatch(this);
    }

    private sealed class Unwatch(ExplorerSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            session.Touch();
            Interlocked.Decrement(ref session._watchers);
        }
    }

    /// <summary>Everything the page needs to redraw itself: settings, state, every month so far, changes.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var months = new JsonArray();
            for (int m = 0; m <= _month; m++) months.Add(MonthEvent(m));
            return new JsonObject
            {
                ["id"] = Id,
                ["settings"] = SettingsJson(_pendingSettings ?? _settings),
                ["defaults"] = SettingsJson(_form.Initial),
                ["names"] = new JsonArray(_form.Names.Select(n => (JsonNode)n).ToArray()),
                ["domains"] = new JsonArray(_form.Domains.Select(n => (JsonNode)n).ToArray()),
                ["publicBodies"] = new JsonArray(_form.PublicBodies.Select(n => (JsonNode)n).ToArray()),
                ["init"] = Init(),
                ["state"] = StateEvent(),
                ["months"] = months,
                ["changes"] = new JsonArray(_changes.Select(c => (JsonNode)ChangeEvent(c)).ToArray()),
                ["yaml"] = YamlLocked(),
                ["lastEventId"] = _nextId - 1,
            };
        }
    }

    /// <summary>Settings as JSON: every value by path, and whether B is compared.</summary>
    public static JsonObject SettingsJson(Settings s)
    {
        var values = new JsonObject();
        foreach (var (k, v) in s.Values) values[k] = v;
        return new JsonObject { ["values"] = values, ["compare"] = s.Compare };
    }

    /// <summary>The settings in force as a scenario file that <c>coprodsim run</c> accepts unchanged.</summary>
    public string Yaml()
    {
        lock (_gate) return YamlLocked();
    }

    private string YamlLocked()
    {
        Scenario s = _pending ?? _scenario;
        var comments = new List<string>
        {
            $"Exported from the CoProdSim explorer (coprodsim serve), coprodsim {ToolVersion.Version}.",
            "Run it with: coprodsim run FILE.yaml",
            $"The explorer showed replication 1 of this scenario: the same seed ({s.Seed.ToString(CultureInfo.InvariantCulture)}), the same numbers.",
        };
        if (_changes.Count > 0 || _pending is not null)
        {
            comments.Add("");
            comments.Add("Levers were changed part-way through the explored run; a scenario file cannot say so, so this file");
            comments.Add($"holds the settings in force at month {_month}, from month 1. The changes made:");
            comments.AddRange(_changes.Select(c => "  " + c));
            if (_pending is not null) comments.Add($"  (and changes waiting for month {_month + 1})");
        }
        return ScenarioWriter.Write(s with { Baseline = s.Strategies.Count > 1 ? s.Strategies[0].Name : null }, comments);
    }

    /// <summary>The months run so far in the columns of timeseries.csv, then the lever changes that apply from each month.</summary>
    public string Csv()
    {
        lock (_gate)
        {
            var w = new StringBuilder();
            IReadOnlyList<string> metrics = _arms[0].Model.MetricNames;
            w.Append(string.Join(',', TimeSeriesLayout.Leading.Concat(metrics).Append("lever_changes").Select(CoProdSim.Experiments.Output.Csv.Text))).Append('\n');
            string seed = RunPlan.ReplicationSeed(_scenario.Seed, 0).ToString(CultureInfo.InvariantCulture);
            foreach (Arm arm in _arms)
            {
                for (int m = 0; m < arm.Rows.Count; m++)
                {
                    w.Append(CoProdSim.Experiments.Output.Csv.Text(arm.Name)).Append(",0,").Append(seed).Append(',').Append(m.ToString(CultureInfo.InvariantCulture));
                    foreach (double v in arm.Rows[m]) w.Append(',').Append(CoProdSim.Experiments.Output.Csv.Number(v));
                    string changes = string.Join("; ", _changes.Where(c => c.Month == m && c.Strategy == arm.Name).Select(c => $"{c.Lever} {c.From} -> {c.To}"));
                    w.Append(',').Append(CoProdSim.Experiments.Output.Csv.Text(changes)).Append('\n');
                }
            }
            return w.ToString();
        }
    }

    /// <summary>Stops the run and drops the towns.</summary>
    public void Dispose() => Close("This simulation was closed.");

    /// <summary>Stops the run, drops the towns, and tells watching pages <paramref name="why"/>.</summary>
    public void Close(string why)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            StopLoop();
            _arms = [];
            Publish("closed", new JsonObject { ["message"] = why });
        }
    }
}
