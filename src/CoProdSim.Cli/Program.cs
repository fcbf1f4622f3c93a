namespace CoProdSim.Cli;

/// <summary>Entry point of the <c>coprodsim</c> command.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command; returns the process exit code.</summary>
    public static int Main(string[] args) => CommandLine.Build().Parse(args).Invoke();
}
