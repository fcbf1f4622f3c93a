using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>Builds the command tree. Each command's work lives in its own file.</summary>
public static class CommandLine
{
    /// <summary>Exit code for bad input (a scenario, an option): nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when interrupted (Ctrl-C): completed runs are kept for --resume.</summary>
    public const int Interrupted = 130;

    /// <summary>The tool's version and the git commit it was built from.</summary>
    public static string VersionText() => $"coprodsim {ToolVersion.Version} (commit {ToolVersion.Commit})";

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("CoProdSim: agent-based simulation of citizen co-production of public services.\nRun a scenario file, get outcome, efficiency and fairness curves with confidence bands, as CSV and as a report.");
        foreach (Option option in root.Options)
        {
            // The default version action prints only the version; ours adds the commit, for citations.
            if (option is VersionOption version) version.Action = new VersionAction();
        }
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DesignCommand.Create());
        root.Subcommands.Add(AnalyseCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(SlurmCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        var verbose = new Option<bool>("--verbose") { Description = "On an error, also show where it happened (a stack trace), for bug reports", Recursive = true };
        root.Options.Add(verbose);
        foreach (Command command in root.Subcommands)
        {
            foreach (Option option in command.Options) WordedParser(option);
            command.Action = new GuardedAction(command, command.Action, verbose);
        }
        root.Action = new GuardedAction(root, null, verbose);
        return root;
    }

    /// <summary>Whole-number options: what each allows, so a bad value is refused in words rather than with a type name.</summary>
    private static readonly Dictionary<string, (ulong Min, ulong Max)> WholeNumberOptions = new()
    {
        ["--seed"] = (0, Scenario.MaxSeed),
        ["--replications"] = (1, 100_000),
        ["--threads"] = (1, 4096),
        ["--tasks"] = (1, (ulong)Experiments.Running.Shard.MaxCount),
        ["--cpus-per-task"] = (1, 4096),
    };

    private static void WordedParser(Option option)
    {
        if (!WholeNumberOptions.TryGetValue(option.Name, out var range)) return;
        string allowed = $"allowed: a whole number from {range.Min} to {range.Max.ToString("N0", CultureInfo.InvariantCulture)}";
        ulong? Parse(ArgumentResult result)
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong x))
                result.AddError($"{option.Name}: '{text}' is not a whole number; {allowed}");
            else if (x < range.Min || x > range.Max)
                result.AddError($"{option.Name}: {text} is out of range; {allowed}");
            else return x;
            return null;
        }
        switch (option)
        {
            case Option<ulong?> u: u.CustomParser = Parse; break;
            case Option<int?> i: i.CustomParser = r => Parse(r) is { } x ? (int)x : null; break;
        }
    }

    /// <summary>
    /// Runs a command's action under <see cref="Failures"/>: parse errors are reported in words with exit code 2
    /// (not the parser's default of 1 with help), and an exception becomes error lines, never a stack trace
    /// unless --verbose is given.
    /// </summary>
    private sealed class GuardedAction(Command command, CommandLineAction? inner, Option<bool> verbose) : AsynchronousCommandLineAction
    {
        // The command handles its parse errors itself, so the parser does not replace it with its own error action.
        public override bool ClearsParseErrors => true;

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken = default)
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            Failures.Verbose = parse.GetValue(verbose);
            var problems = parse.Errors.Select(e => e.Message).ToList();
            problems.AddRange(parse.UnmatchedTokens.Select(t => inner is null
                ? $"unknown command '{t}'{Suggest.DidYouMean(t, command.Subcommands.Select(c => c.Name))} (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})"
                : $"unexpected argument '{t}' for '{command.Name}'"));
            foreach (Argument argument in command.Arguments)
            {
                // The parser's own message for a missing argument is kept when it gives one.
                if (argument.Arity.MinimumNumberOfValues > 0 && parse.GetResult(argument) is not ArgumentResult { Tokens.Count: > 0 }
                    && !problems.Any(p => p.Contains($"'{argument.Name}'", StringComparison.Ordinal)))
                    problems.Add($"missing {argument.Name} for '{command.Name}'");
            }
            if (inner is null && problems.Count == 0)
                problems.Add($"no command given; commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
            if (problems.Count > 0)
            {
                foreach (string p in problems.Distinct()) stderr.WriteLine("error: " + p);
                stderr.WriteLine($"See 'coprodsim {(inner is null ? "" : command.Name + " ")}--help'. Nothing was run or written.");
                return BadInput;
            }
            try
            {
                return inner switch
                {
                    SynchronousCommandLineAction s => s.Invoke(parse),
                    AsynchronousCommandLineAction a => await a.InvokeAsync(parse, cancellationToken).ConfigureAwait(false),
                    _ => 0,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Failures.Report(ex, stderr);
            }
        }
    }

    private sealed class VersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionText());
            return 0;
        }
    }
}
