using CoProdSim.Experiments.Output;
using Parquet;
using Parquet.Schema;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// outputs.format: parquet. timeseries.parquet and summary.parquet are read back with Parquet.Net and compared with
/// the CSVs of the same run: column types, row counts, seeds exactly, every double to the bit, NA as null.
/// </summary>
public class ParquetOutputTests
{
    private const string Scenario = """
        name: pq
        seed: 11
        replications: 2
        horizon: 5
        population: {citizens: 300, neighbourhoods: 3}
        strategies: [traditional, four-cos]
        sweep:
          parameters:
            behaviour.trust_gain: {values: [0.05, 0.15]}
        outputs: {report: false, format: [csv, parquet]}
        """;

    /// <summary>A column read back: its field and its values as objects (null for a missing value).</summary>
    private sealed record Column(DataField Field, List<object?> Values);

    [Test]
    public void ParquetHoldsTheCsvRowsWithTypedColumnsInSeveralRowGroups()
    {
        using var cli = new CliHarness();
        string file = cli.Write("pq.yaml", Scenario), dir = Path.Combine(cli.Folder, "out");
        ParquetTables.RowGroupRows = 7;
        try
        {
            var (code, _, error) = cli.Run(file, dir);
            Assert.That(code, Is.Zero, error);
        }
        finally
        {
            ParquetTables.RowGroupRows = ParquetTables.DefaultRowGroupRows;
        }
        Assert.That(Directory.GetFiles(dir, "*.tmp"), Is.Empty, "no temporary file is left");
        Assert.That(RunManifest.Read(Path.Combine(dir, "manifest.json")).Files, Is.SupersetOf(new[] { "timeseries.csv", "timeseries.parquet", "summary.csv", "summary.parquet" }));

        var (columns, groups) = Read(Path.Combine(dir, "timeseries.parquet"));
        string[] csv = File.ReadAllLines(Path.Combine(dir, "timeseries.csv"));
        int rows = csv.Length - 1;
        Assert.That(rows, Is.EqualTo(2 * 2 * 2 * 6), "points x strategies x replications x ticks");
        Assert.That(groups, Is.EqualTo((rows + 6) / 7), "streamed in row groups of at most 7 rows");
        Assert.That(columns.Select(c => c.Field.Name), Is.EqualTo(Csv.Split(csv[0])));
        Assert.That(Types(columns.Take(5)), Is.EqualTo(new[] { typeof(string), typeof(int), typeof(ulong), typeof(int), typeof(double) }));
        Assert.That(columns.Skip(5).All(c => c.Field.ClrType == typeof(double) && c.Field.IsNullable), Is.True, "metrics: nullable doubles");
        Compare(columns, csv);
        // Seeds are below 2^53, so readers that turn the column into doubles (R's arrow) keep them exact.
        Assert.That(columns[2].Values.Cast<ulong>().All(s => s <= global::CoProdSim.Experiments.Running.RunPlan.MaxExactSeed), Is.True);

        var (summary, _) = Read(Path.Combine(dir, "summary.parquet"));
        string[] summaryCsv = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.That(summary.Select(c => c.Field.Name), Is.EqualTo(Csv.Split(summaryCsv[0])));
        Assert.That(Types(summary), Is.EqualTo(new[] { typeof(string), typeof(double), typeof(string), typeof(double), typeof(double), typeof(double), typeof(double), typeof(int) }));
        Compare(summary, summaryCsv);
    }

    [Test]
    public void ParquetOnlyWritesNoCsvTablesAndTheReportNeedsCsv()
    {
        using var cli = new CliHarness();
        string file = cli.Write("pq.yaml", Scenario.Replace("format: [csv, parquet]", "format: parquet", StringComparison.Ordinal)), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(Path.Combine(dir, "timeseries.parquet")) && File.Exists(Path.Combine(dir, "summary.parquet")), Is.True);
        Assert.That(File.Exists(Path.Combine(dir, "timeseries.csv")) || File.Exists(Path.Combine(dir, "summary.csv")), Is.False);
        Assert.That(RunManifest.Read(Path.Combine(dir, "manifest.json")).Files, Is.EqualTo(new[] { "timeseries.parquet", "summary.parquet", "manifest.json" }));

        string bad = cli.Write("bad.yaml", Scenario.Replace("{report: false, format: [csv, parquet]}", "{format: parquet}", StringComparison.Ordinal));
        (code, _, error) = cli.Run(bad, Path.Combine(cli.Folder, "bad"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:10:19: error: outputs.report reads timeseries.csv"));
        string typo = cli.Write("typo.yaml", Scenario.Replace("[csv, parquet]", "[csv, parket]", StringComparison.Ordinal));
        (code, _, error) = cli.Run(typo, Path.Combine(cli.Folder, "typo"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("outputs.format: 'parket' is not a format; allowed: csv, parquet"));
    }

    [Test]
    public void CsvIsTheDefaultFormat()
    {
        using var cli = new CliHarness();
        string file = cli.Write("ok.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "out");
        Assert.That(cli.Run(file, dir).Code, Is.Zero);
        Assert.That(Directory.GetFiles(dir, "*.parquet"), Is.Empty);
    }

    /// <summary>The columns' types; Parquet.Net gives UTF-8 text columns as ReadOnlyMemory&lt;char&gt;, read here as strings.</summary>
    [Test]
    public void ChoiceParametersAppearAsNamesInEveryTable()
    {
        using var cli = new CliHarness();
        // Sweeping a lever of four-cos only: the baseline is simulated once and copied to the second point.
        string file = cli.Write("choice.yaml", """
            name: choice
            seed: 5
            replications: 2
            horizon: 3
            population: {citizens: 200, neighbourhoods: 4}
            strategies: [traditional, four-cos]
            baseline: traditional
            sweep:
              parameters:
                strategies.four-cos.targeting: {values: [universal, deprived-first]}
                behaviour.trust_gain: {values: [0.1]}
            outputs: {format: [csv, parquet]}
            """);
        string dir = Path.Combine(cli.Folder, "out");
        var (code, output, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string[] names = ["universal", "deprived-first"];
        foreach (string table in new[] { "timeseries.csv", "summary.csv", "differences.csv" })
        {
            string[] lines = File.ReadAllLines(Path.Combine(dir, table));
            List<string> header = Csv.Split(lines[0]);
            int column = header.IndexOf("strategies.four-cos.targeting");
            Assert.That(column, Is.GreaterThan(0), table);
            var values = lines.Skip(1).Select(l => Csv.Split(l)[column]).Distinct().ToArray();
            Assert.That(values, Is.EquivalentTo(names), $"{table}: the names, not their indexes");
            Assert.That(lines.Skip(1).Select(l => Csv.Split(l)[column + 1]).Distinct(), Is.EqualTo(new[] { "0.1" }), $"{table}: numbers stay numbers");
        }
        var (columns, _) = Read(Path.Combine(dir, "timeseries.parquet"));
        Assert.That(IsText(columns[4].Field), Is.True, "a choice is a text column in Parquet");
        Compare(columns, File.ReadAllLines(Path.Combine(dir, "timeseries.csv")));
        // The report reads the names back (the sweep-point control and the sweep charts' axis name them) and the terminal table shows them.
        string report = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(report, Does.Contain(">targeting of four-cos = universal, trust gain = 0.1"));
        Assert.That(report, Does.Contain("\"x\":[\"universal\",\"deprived-first\"]"), "the sweep charts label the axis with the names");
        Assert.That(output, Does.Contain("deprived-first"));
    }

    private static Type[] Types(IEnumerable<Column> columns) => columns.Select(c => IsText(c.Field) ? typeof(string) : c.Field.ClrType).ToArray();

    private static bool IsText(DataField f) => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>Every cell of the Parquet columns against the CSV's text: exact for integers and seeds, to the bit for doubles.</summary>
    private static void Compare(List<Column> columns, string[] csv)
    {
        Assert.That(columns.All(c => c.Values.Count == csv.Length - 1), Is.True, "row count");
        for (int r = 1; r < csv.Length; r++)
        {
            List<string> f = Csv.Split(csv[r]);
            for (int c = 0; c < columns.Count; c++)
            {
                object? v = columns[c].Values[r - 1];
                string where = $"row {r}, column {columns[c].Field.Name}";
                switch (v)
                {
                    case null: Assert.That(f[c], Is.EqualTo("NA"), where); break;
                    case double d: Assert.That(BitConverter.DoubleToInt64Bits(d), Is.EqualTo(BitConverter.DoubleToInt64Bits(Csv.Parse(f[c]))), where); break;
                    case ulong u: Assert.That(u.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(f[c]), where); break;
                    case int i: Assert.That(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(f[c]), where); break;
                    default: Assert.That(v, Is.EqualTo(f[c]), where); break;
                }
            }
        }
    }

    private static (List<Column> Columns, int RowGroups) Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static async Task<(List<Column>, int)> ReadAsync(string path)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(path);
        DataField[] fields = reader.Schema.GetDataFields();
        var columns = fields.Select(f => new Column(f, [])).ToList();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            foreach (Column c in columns)
            {
                DataField f = c.Field;
                if (IsText(f)) { var a = new string?[n]; await group.ReadAsync(f, a.AsMemory()); c.Values.AddRange(a); }
                else if (f.ClrType == typeof(int)) { var a = new int[n]; await group.ReadAsync<int>(f, a.AsMemory()); c.Values.AddRange(a.Cast<object?>()); }
                else if (f.ClrType == typeof(ulong)) { var a = new ulong[n]; await group.ReadAsync<ulong>(f, a.AsMemory()); c.Values.AddRange(a.Cast<object?>()); }
                else if (f.IsNullable) { var a = new double?[n]; await group.ReadAsync<double>(f, a.AsMemory()); c.Values.AddRange(a.Select(x => (object?)x)); }
                else { var a = new double[n]; await group.ReadAsync<double>(f, a.AsMemory()); c.Values.AddRange(a.Cast<object?>()); }
            }
        }
        return (columns, reader.RowGroupCount);
    }
}
