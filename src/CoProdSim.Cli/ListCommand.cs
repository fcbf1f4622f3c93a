using System.CommandLine;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Cli;

/// <summary><c>coprodsim list</c>: the shipped scenarios and the strategy presets, one line each.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the shipped scenarios and the strategy presets");
        command.SetAction(parse =>
        {
            TextWriter o = parse.InvocationConfiguration.Output;
            string? dir = FindScenarios();
            o.WriteLine(dir is null ? "Scenarios: (no scenarios/ folder found here or above)" : $"Scenarios ({Path.GetRelativePath(Environment.CurrentDirectory, dir)}):");
            if (dir is not null)
            {
                foreach (string f in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
                    o.WriteLine($"  {Path.GetFileName(f),-30} {Question(f)}");
            }
            o.WriteLine("Strategy presets:");
            foreach (var (name, description) in StrategyPresets.Descriptions) o.WriteLine($"  {name,-30} {description}");
            return 0;
        });
        return command;
    }

    /// <summary>The scenarios folder: in the current folder or one above it, else beside the executable's repository.</summary>
    internal static string? FindScenarios()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "scenarios");
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0) return candidate;
            }
        }
        return null;
    }

    /// <summary>The question a scenario answers: its opening comment's first line.</summary>
    private static string Question(string file)
    {
        foreach (string line in File.ReadLines(file))
        {
            string t = line.Trim();
            if (t.StartsWith('#')) return t.TrimStart('#').Trim();
            if (t.Length > 0) break;
        }
        return "";
    }
}
