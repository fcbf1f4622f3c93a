using System.CommandLine;
using System.Globalization;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Explorer;

namespace CoProdSim.Cli;

/// <summary>
/// <c>coprodsim serve [FILE] [--port N] [--host ADDRESS]</c>: starts the explorer, a local web page where the model
/// runs live on the server while sliders move its levers, and prints the address to open. Listens on 127.0.0.1
/// (this computer only) unless <c>--host</c> says otherwise, and says so; opens no browser and fetches nothing.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "Scenario file to start from (its first one or two strategies become settings A and B); default: a classroom town of 2,000 residents over 36 months",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var port = new Option<int?>("--port", "-p") { Description = $"Port to listen on; 0 for any free one [default: {ExplorerOptions.DefaultPort}, or a free one if it is taken]" };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 opens the explorer to every network this computer is on (a classroom's shared server)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var sessions = new Option<int?>("--max-sessions") { Description = "Most simulations (open pages) held at once [default: 16]" };
        var running = new Option<int?>("--max-running") { Description = "Most simulations computing at the same moment [default: the number of processors]" };
        var idle = new Option<double?>("--idle-minutes") { Description = "Free a simulation nobody has used for this many minutes [default: 15]" };
        var memory = new Option<int?>("--max-memory-mb") { Description = "Refuse settings whose simulation would need more memory than this, MB [default: 256]" };
        var seconds = new Option<double?>("--max-run-seconds") { Description = "Refuse settings whose whole run would take longer than this to compute, seconds [default: 20]" };
        var command = new Command("serve", "Explore the model in a web browser: move the levers and watch the town change, live (a local server; nothing is sent anywhere)")
        {
            file, port, host, sessions, running, idle, memory, seconds,
        };
        command.SetAction(async (parse, cancel) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            var defaults = new ExplorerOptions();
            var problems = new List<string>();
            int? Positive(Option<int?> o, int max)
            {
                int? v = parse.GetValue(o);
                if (v is { } x && (x < 1 || x > max)) problems.Add($"{o.Name}: {x} is out of range; allowed: 1 to {max}");
                return v;
            }
            double? PositiveReal(Option<double?> o, double max)
            {
                double? v = parse.GetValue(o);
                if (v is { } x && !(x > 0 && x <= max)) problems.Add($"{o.Name}: {x.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: more than 0, at most {max.ToString(CultureInfo.InvariantCulture)}");
                return v;
            }
            int? p = parse.GetValue(port);
            if (p is { } pp && (pp < 0 || pp > 65535)) problems.Add($"--port: {pp} is out of range; allowed: 0 to 65535");
            string h = parse.GetValue(host)!.Trim();
            if (h != "localhost" && !System.Net.IPAddress.TryParse(h, out _)) problems.Add($"--host: '{h}' is not an IP address; allowed: 127.0.0.1 (this computer only), 0.0.0.0 (every network), or one of this computer's addresses");
            int? maxSessions = Positive(sessions, 1000), maxRunning = Positive(running, 256), maxMemory = Positive(memory, 1_000_000);
            double? idleMinutes = PositiveReal(idle, 7 * 24 * 60), maxSeconds = PositiveReal(seconds, 86_400);
            if (problems.Count > 0)
            {
                foreach (string problem in problems) stderr.WriteLine("error: " + problem);
                stderr.WriteLine("See 'coprodsim serve --help'. Nothing was started.");
                return CommandLine.BadInput;
            }
            Scenario? start = null;
            if (parse.GetValue(file) is { } path)
            {
                try
                {
                    start = ScenarioLoader.Load(path);
                }
                catch (ScenarioException ex)
                {
                    return ScenarioErrors.Report(ex, stderr);
                }
                if (start.Sweep is not null) stdout.WriteLine($"Note: {path} has a sweep; the explorer runs one point at a time, so it starts from the scenario's own values and leaves the sweep out.");
                if (start.Strategies.Count > 2) stdout.WriteLine($"Note: {path} compares {start.Strategies.Count} strategies; the explorer starts with the first two ({start.Strategies[0].Name}, {start.Strategies[1].Name}).");
                start = start with { Sweep = null };
            }
            var options = defaults with
            {
                Host = h,
                Port = p ?? ExplorerOptions.DefaultPort,
                Start = start,
                MaxSessions = maxSessions ?? defaults.MaxSessions,
                MaxRunning = maxRunning ?? defaults.MaxRunning,
                IdleTimeout = idleMinutes is { } m ? TimeSpan.FromMinutes(m) : defaults.IdleTimeout,
                MaxMemoryBytes = maxMemory is { } mb ? mb * 1024L * 1024 : defaults.MaxMemoryBytes,
                MaxRunSeconds = maxSeconds ?? defaults.MaxRunSeconds,
            };
            var form = new SettingsForm(start);
            form.Check(form.Initial, options, out IReadOnlyList<SettingError> tooBig);
            if (tooBig.Count > 0)
            {
                foreach (SettingError e in tooBig) stderr.WriteLine($"error: {parse.GetValue(file)}: {e.Path}: {e.Message}");
                stderr.WriteLine("Raise --max-memory-mb or --max-run-seconds, or start from a smaller town. Nothing was started.");
                return CommandLine.BadInput;
            }
            await using ExplorerServer server = await ExplorerServer.StartAsync(options, cancel).ConfigureAwait(false);
            stdout.WriteLine($"CoProdSim explorer: open {server.Address} in a web browser.");
            if (options.LoopbackOnly)
                stdout.WriteLine("Listening on this computer only (127.0.0.1); nothing is reachable from the network. Use --host 0.0.0.0 to share it with a classroom.");
            else
                stdout.WriteLine($"WARNING: listening on {h}, port {server.Address.Port}: anyone who can reach this computer on the network can open the explorer and run simulations on it. There is no password. Use it only on a network you trust, and stop it (Ctrl-C) when done.");
            if (p is null && server.Address.Port != ExplorerOptions.DefaultPort) stdout.WriteLine($"(Port {ExplorerOptions.DefaultPort} was taken, so {server.Address.Port} was chosen.)");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Limits: {options.MaxSessions} pages at once, {options.MaxRunning} computing at a time, {options.MaxMemoryBytes / 1048576} MB and {options.MaxRunSeconds:0.#} s of computing a simulation; an unused page's simulation is freed after {options.IdleTimeout.TotalMinutes:0.#} minutes."));
            stdout.WriteLine("Press Ctrl-C to stop.");
            stdout.Flush();
            try
            {
                await server.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            stdout.WriteLine("Stopped.");
            return 0;
        });
        return command;
    }
}
