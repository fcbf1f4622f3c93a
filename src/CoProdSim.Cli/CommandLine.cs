using System.CommandLine;
using System.Reflection;

namespace CoProdSim.Cli;

/// <summary>Builds the command tree. Each command's work lives in its own file.</summary>
public static class CommandLine
{
    /// <summary>The tool's version and the git commit it was built from.</summary>
    public static string VersionText()
    {
        string informational = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        string[] parts = informational.Split('+', 2);
        return parts.Length == 2 ? $"coprodsim {parts[0]} (commit {parts[1]})" : $"coprodsim {parts[0]}";
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("CoProdSim: agent-based simulation of citizen co-production of public services.");
        // Replace the default version action so that it prints the commit too.
        foreach (Option option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction();
            }
        }
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
