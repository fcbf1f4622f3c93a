namespace CoProdSim.Tests.Experiments;

/// <summary>Finds files of the repository from the test's folder.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var d = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "CoProdSim.sln"))) return d.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);
}
