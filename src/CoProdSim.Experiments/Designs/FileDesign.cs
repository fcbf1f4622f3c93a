using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// The points listed in a CSV file: a header of parameter paths, then one row per point, numbers or (for a choice
/// parameter) names. Such a file comes from <c>coprodsim design</c>, from SALib or the EMA Workbench (saved with a
/// header of paths), or by hand. <see cref="Read"/> checks every cell and says where a bad one is.
/// </summary>
public sealed class FileDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.File;

    /// <inheritdoc />
    public bool Samples => false;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) => sweep.Points.Count;

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed) => sweep.Points;

    /// <summary>What reading a design file gave: the parameters (from the header), the points, and every problem.</summary>
    public sealed record Contents(IReadOnlyList<SweepParameter> Parameters, IReadOnlyList<IReadOnlyList<double>> Points, IReadOnlyList<ScenarioError> Errors);

    /// <summary>
    /// Reads the design at <paramref name="path"/>, naming it <paramref name="shownAs"/> in errors.
    /// <paramref name="checkPath"/> says why a header path cannot be swept in this scenario, or null when it can.
    /// </summary>
    public static Contents Read(string path, string shownAs, Func<string, string?> checkPath)
    {
        var errors = new List<ScenarioError>();
        void Error(int line, int column, string message) => errors.Add(new ScenarioError(shownAs, line, column, message));
        if (!File.Exists(path))
        {
            Error(0, 0, "design file not found");
            return new Contents([], [], errors);
        }
        string[] lines = File.ReadAllLines(path);
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            Error(1, 1, "the design file is empty; it needs a header of parameter paths and one row per point");
            return new Contents([], [], errors);
        }
        List<(string Text, int Column)> header = Fields(lines[first]);
        var specs = new Parameter?[header.Count];
        var seen = new HashSet<string>();
        for (int c = 0; c < header.Count; c++)
        {
            var (name, column) = header[c];
            string? problem = checkPath(name);
            if (problem is not null) Error(first + 1, column, $"column '{name}': {problem}");
            else if (!seen.Add(name)) Error(first + 1, column, $"column '{name}' appears twice");
            else specs[c] = ParameterPaths.SpecAt(name);
        }
        var points = new List<IReadOnlyList<double>>();
        for (int i = first + 1; i < lines.Length && errors.Count < 20; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            List<(string Text, int Column)> row = Fields(lines[i]);
            if (row.Count != header.Count)
            {
                string what = row.Count < header.Count ? $"missing: {string.Join(", ", header.Skip(row.Count).Select(h => h.Text))}" : "extra values beyond the header";
                Error(i + 1, row.Count < header.Count ? lines[i].Length + 1 : row[header.Count].Column,
                    $"row has {row.Count} values, the header {header.Count} ({what})");
                continue;
            }
            var point = new double[header.Count];
            for (int c = 0; c < header.Count; c++)
            {
                if (specs[c] is not { } spec) continue;
                var (text, column) = row[c];
                string where = $"column '{header[c].Text}'";
                if (spec.Kind != ParameterKind.Choice && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    Error(i + 1, column, $"{where}: expected a number, found '{text}'; allowed: {spec.Allowed}");
                    continue;
                }
                if (!spec.TryParse(text.Trim(), out double stored, out string? problem)) Error(i + 1, column, $"{where}: {problem}");
                point[c] = stored;
            }
            points.Add(point);
        }
        if (errors.Count == 0 && points.Count == 0) Error(first + 1, 1, "the design file has a header but no points");
        var parameters = new List<SweepParameter>();
        for (int c = 0; c < header.Count && errors.Count == 0; c++)
        {
            Parameter spec = specs[c]!;
            double min = points.Min(p => p[c]), max = points.Max(p => p[c]);
            parameters.Add(new SweepParameter(header[c].Text, min, max, points.Count, null, spec.Kind != ParameterKind.Real) { Choice = spec.Kind == ParameterKind.Choice });
        }
        return new Contents(parameters, points, errors);
    }

    /// <summary>The fields of a line with the column (from 1) each starts at; quoted fields are unquoted.</summary>
    private static List<(string Text, int Column)> Fields(string line)
    {
        var result = new List<(string, int)>();
        int start = 0;
        foreach (string f in Csv.Split(line))
        {
            result.Add((f.Trim(), start + 1));
            // Columns of quoted fields are approximate (the quotes are not counted); plain fields are exact.
            start += f.Length + 1;
        }
        return result;
    }

    /// <summary>The design as CSV text: a header of paths, then each point (names for choice parameters).</summary>
    public static string Write(IReadOnlyList<SweepParameter> parameters, IReadOnlyList<IReadOnlyList<double>> points)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(string.Join(',', parameters.Select(p => Csv.Text(p.Path)))).Append('\n');
        foreach (IReadOnlyList<double> point in points)
            sb.Append(string.Join(',', parameters.Select((p, k) => SweepValue.Format(p, point[k])))).Append('\n');
        return sb.ToString();
    }
}

/// <summary>
/// How a swept value is written in files: a number, or for a parameter that takes names (targeting, allocation) the
/// name, never its index. Every output that shows a point's values goes through here, and every reader back.
/// </summary>
public static class SweepValue
{
    /// <summary>The value as CSV text.</summary>
    public static string Format(SweepParameter p, double stored) => Format(p.Path, stored);

    /// <summary>The value of the parameter at <paramref name="path"/> as CSV text: its name for a choice, else the number.</summary>
    public static string Format(string path, double stored) =>
        ChoiceAt(path) is { } spec ? Csv.Text(spec.Format(stored)) : Csv.Number(stored);

    /// <summary>The value for people to read: the name of a choice, else the number to four significant digits.</summary>
    public static string Display(string path, double stored) =>
        ChoiceAt(path) is { } spec ? spec.Format(stored) : stored.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Whether the parameter at <paramref name="path"/> takes names.</summary>
    public static bool IsChoice(string path) => ChoiceAt(path) is not null;

    /// <summary>The name of a choice parameter's stored value (e.g. "deprived-first").</summary>
    public static string Name(string path, double stored) => ChoiceAt(path)?.Format(stored) ?? Csv.Number(stored);

    /// <summary>Reads back a value written by <see cref="Format(string, double)"/> (a name or a number) as the stored value.</summary>
    /// <exception cref="InvalidDataException">when a name is not one the parameter allows.</exception>
    public static double Parse(string path, string text)
    {
        if (ChoiceAt(path) is not { } spec) return Csv.Parse(text);
        if (spec.TryParse(text, out double stored, out string? error)) return stored;
        // Folders written before names were used hold the index.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double index)) return index;
        throw new InvalidDataException($"{path}: {error}");
    }

    private static Parameter? ChoiceAt(string path) => ParameterPaths.SpecAt(path) is { Kind: ParameterKind.Choice } spec ? spec : null;
}
