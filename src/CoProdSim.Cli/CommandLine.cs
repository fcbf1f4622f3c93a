using System.CommandLine;
using CoProdSim.Experiments.Output;

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
        return root;
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
