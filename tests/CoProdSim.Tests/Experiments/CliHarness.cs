using CoProdSim.Cli;

namespace CoProdSim.Tests.Experiments;

/// <summary>Runs <c>coprodsim run</c> in-process, in a temporary folder, and captures what it prints.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "coprodsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, string text)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public (int Code, string Out, string Error) Run(string file, string outDir, string[]? sets = null, ulong? seed = null, int? replications = null, int? threads = 2, bool resume = false, CancellationToken cancel = default, bool force = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunCommand.Execute(file, outDir, seed, replications, threads, sets ?? [], resume, quiet: false, stdout, stderr, cancel, force);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public (int Code, string Out, string Error) Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var config = new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr };
        int code = CoProdSim.Cli.CommandLine.Build().Parse(args).Invoke(config);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A small, fast scenario: 600 citizens, 12 months, two strategies, three replications.</summary>
    public const string Small = """
        # A test scenario.
        name: small
        description: A small test scenario.
        seed: 99
        replications: 3
        horizon: 12
        population:
          citizens: 600
          neighbourhoods: 6
        strategies:
          - traditional
          - name: invite
            preset: inside-out
            invitation_rate: 0.3
        outputs:
          report: false
        """;
}
