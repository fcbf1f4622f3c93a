using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>A metric the scenario defines from others (<c>outputs.derived</c>): its name and its expression.</summary>
public sealed record DerivedMetric(string Name, string Expression);

/// <summary>
/// The derived metrics of a scenario, compiled: each is an arithmetic expression (parsed by DynamicExpresso, C#
/// syntax: + - * / ( ), numbers, Math.Log and the like) over the catalogue's metrics and the derived metrics defined
/// before it, evaluated every month of every run from that month's values. A value that is not a finite number (a
/// division by zero, a missing input) is missing (NA).
/// </summary>
public sealed partial class DerivedMetrics
{
    private readonly Lambda[] _lambdas;
    private readonly int[][] _inputs;
    private readonly int _catalogue;

    private DerivedMetrics(IReadOnlyList<string> names, Lambda[] lambdas, int[][] inputs, int catalogue)
    {
        Names = names;
        _lambdas = lambdas;
        _inputs = inputs;
        _catalogue = catalogue;
    }

    /// <summary>No derived metrics.</summary>
    public static DerivedMetrics None { get; } = new([], [], [], 0);

    /// <summary>Names of the derived metrics, in order: the columns after the catalogue's.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Compiles <paramref name="derived"/> over the metrics <paramref name="catalogue"/> (in column order).</summary>
    /// <exception cref="ArgumentException">when an expression does not compile (the scenario loader checks them first).</exception>
    public static DerivedMetrics Compile(IReadOnlyList<string> catalogue, IReadOnlyList<DerivedMetric> derived)
    {
        if (derived.Count == 0) return None;
        var known = new List<string>(catalogue);
        var lambdas = new Lambda[derived.Count];
        var inputs = new int[derived.Count][];
        for (int d = 0; d < derived.Count; d++)
        {
            if (Check(derived[d].Expression, known, [], out _, out Lambda? lambda) is { } problem)
                throw new ArgumentException($"derived metric '{derived[d].Name}': {problem}", nameof(derived));
            lambdas[d] = lambda!;
            inputs[d] = lambda!.DeclaredParameters.Select(p => known.IndexOf(p.Name)).ToArray();
            known.Add(derived[d].Name);
        }
        return new DerivedMetrics(derived.Select(d => d.Name).ToArray(), lambdas, inputs, catalogue.Count);
    }

    /// <summary>
    /// Why <paramref name="expression"/> is not a valid derived metric over <paramref name="allowed"/>, or null;
    /// <paramref name="position"/> is where in the expression the problem is (0-based). A name in
    /// <paramref name="later"/> (a derived metric defined after this one) is refused with that reason.
    /// </summary>
    public static string? Check(string expression, IReadOnlyList<string> allowed, IReadOnlyList<string> later, out int position, out Lambda? lambda)
    {
        lambda = null;
        position = 0;
        if (string.IsNullOrWhiteSpace(expression)) return "the expression is empty";
        Interpreter interpreter = NewInterpreter();
        IdentifiersInfo identifiers;
        try
        {
            identifiers = interpreter.DetectIdentifiers(expression);
        }
        catch (DynamicExpressoException ex)
        {
            return ex.Message;
        }
        var parameters = new List<Parameter>();
        foreach (string name in identifiers.UnknownIdentifiers)
        {
            if (allowed.Contains(name))
            {
                parameters.Add(new Parameter(name, typeof(double)));
                continue;
            }
            position = Math.Max(0, Regex.Match(expression, $@"\b{Regex.Escape(name)}\b").Index);
            return later.Contains(name)
                ? $"'{name}' is a derived metric defined later in outputs.derived; a derived metric may use only the catalogue's metrics and derived metrics defined before it"
                : $"unknown metric '{name}'{Suggest.DidYouMean(name, allowed)}; allowed: the metrics {string.Join(", ", allowed)}, numbers, + - * / ( ) and Math functions such as Math.Log";
        }
        try
        {
            lambda = interpreter.Parse(expression, typeof(double), parameters.ToArray());
            return null;
        }
        catch (ParseException ex)
        {
            position = Math.Clamp(ex.Position, 0, expression.Length);
            return $"cannot read the expression: {Cut(ex.Message)}; allowed: metric names, numbers, + - * / ( ) and Math functions such as Math.Log";
        }
        catch (DynamicExpressoException ex)
        {
            return $"cannot read the expression: {Cut(ex.Message)}";
        }
        catch (InvalidOperationException ex)
        {
            return $"cannot read the expression: {Cut(ex.Message)}";
        }
    }

    /// <summary>
    /// The derived metrics' values from one month's catalogue values (<paramref name="catalogue"/>, in column order)
    /// into <paramref name="result"/>; NaN (written NA) where the value is not a finite number.
    /// </summary>
    public void Evaluate(ReadOnlySpan<double> catalogue, Span<double> result)
    {
        if (catalogue.Length != _catalogue) throw new ArgumentException($"expected {_catalogue} catalogue values, got {catalogue.Length}", nameof(catalogue));
        for (int d = 0; d < _lambdas.Length; d++)
        {
            int[] inputs = _inputs[d];
            var args = new object[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) args[i] = inputs[i] < _catalogue ? catalogue[inputs[i]] : result[inputs[i] - _catalogue];
            double v = Convert.ToDouble(_lambdas[d].Invoke(args), System.Globalization.CultureInfo.InvariantCulture);
            result[d] = double.IsFinite(v) ? v : double.NaN;
        }
    }

    /// <summary>An interpreter for arithmetic only: no assignment, no reflection.</summary>
    private static Interpreter NewInterpreter() => new Interpreter(InterpreterOptions.Default).EnableAssignment(AssignmentOperators.None);

    private static string Cut(string message)
    {
        string m = message.Trim().TrimEnd('.');
        return m.Length <= 200 ? m : m[..200] + "...";
    }
}
