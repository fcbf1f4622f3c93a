using System.Globalization;

namespace CoProdSim.Model.Parameters;

/// <summary>The kind of value a parameter takes.</summary>
public enum ParameterKind
{
    /// <summary>A real number.</summary>
    Real,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>One of a fixed set of names.</summary>
    Choice,
}

/// <summary>A problem with one parameter: its dotted path and what is wrong, in words a student can act on.</summary>
public sealed record ParameterError(string Path, string Message);

/// <summary>
/// One settable parameter, declared once with everything said about it: its name within its section, kind, range,
/// default, unit, meaning and source (or "assumption"). The declaration is the single source of truth read by scenario
/// files, <c>--set</c>, sweeps, validation, the manifest, the JSON Schema and the reference tables of
/// docs/scenarios.md. Values are stored as doubles in <see cref="ParameterValues"/> (a choice as the index of its
/// name), and read back typed through <see cref="RealParameter"/>, <see cref="IntegerParameter"/> and
/// <see cref="ChoiceParameter{T}"/>.
/// </summary>
public abstract class Parameter
{
    private protected Parameter(ParameterSection section, string name, string unit, string description, string source)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new ArgumentException($"parameter '{name}' needs a description", nameof(description));
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException($"parameter '{name}' needs a source or \"assumption\"", nameof(source));
        Section = section;
        Name = name;
        Unit = unit;
        Description = description;
        Source = source;
    }

    /// <summary>The section the parameter belongs to.</summary>
    public ParameterSection Section { get; }

    /// <summary>Name within its section (snake_case; mode weights are <c>modes.NAME</c>).</summary>
    public string Name { get; }

    /// <summary>Position in its section's values.</summary>
    public int Index { get; internal set; }

    /// <summary>Unit, or "".</summary>
    public string Unit { get; }

    /// <summary>Meaning, in words a student can act on.</summary>
    public string Description { get; }

    /// <summary>Where the default comes from, or "assumption" (then it belongs in a sensitivity analysis).</summary>
    public string Source { get; }

    /// <summary>Kind of value.</summary>
    public abstract ParameterKind Kind { get; }

    /// <summary>Smallest allowed value (numbers).</summary>
    public virtual double Min => 0;

    /// <summary>Largest allowed value (numbers).</summary>
    public virtual double Max => 0;

    /// <summary>True when <see cref="Min"/> itself is not allowed.</summary>
    public virtual bool MinExclusive => false;

    /// <summary>Allowed names (choices), else null.</summary>
    public virtual IReadOnlyList<string>? Choices => null;

    /// <summary>The default, as stored.</summary>
    public abstract double DefaultStored { get; }

    /// <summary>The allowed values, in words: "0 to 1", "at least 1", "universal or deprived-first".</summary>
    public string Allowed => Kind switch
    {
        ParameterKind.Choice => string.Join(" or ", Choices!),
        _ when double.IsPositiveInfinity(Max) => MinExclusive ? $"greater than {Fmt(Min)}" : $"at least {Fmt(Min)}",
        _ => MinExclusive ? $"greater than {Fmt(Min)}, at most {Fmt(Max)}" : $"{Fmt(Min)} to {Fmt(Max)}",
    } + (Kind == ParameterKind.Integer ? " (whole number)" : "");

    /// <summary>The dotted key of this parameter within its section, e.g. <c>behaviour.trust_gain</c> for docs.</summary>
    public override string ToString() => Section.Name.Length > 0 ? $"{Section.Name}.{Name}" : Name;

    /// <summary>Formats a number the way files write it.</summary>
    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A stored value as text: the number, or the choice's name.</summary>
    public string Format(double stored) => Kind == ParameterKind.Choice ? Choices![(int)stored] : Fmt(stored);

    /// <summary>Checks a number and gives its stored form, or says what is wrong.</summary>
    public bool TryNumber(double x, out double stored, out string? error)
    {
        stored = x;
        error = null;
        if (Kind == ParameterKind.Choice)
        {
            error = $"'{Fmt(x)}' is not allowed; allowed: {Allowed}";
            return false;
        }
        if (double.IsNaN(x) || x < Min || x > Max || (MinExclusive && x == Min))
        {
            error = $"{Fmt(x)} is out of range; allowed: {Allowed}";
            return false;
        }
        if (Kind == ParameterKind.Integer && x != Math.Floor(x))
        {
            error = $"{Fmt(x)} is not a whole number; allowed: {Allowed}";
            return false;
        }
        return true;
    }

    /// <summary>Parses text (a number, or a choice's name) and gives its stored form, or says what is wrong.</summary>
    public bool TryParse(string text, out double stored, out string? error)
    {
        stored = 0;
        if (Kind == ParameterKind.Choice)
        {
            int i = -1;
            for (int k = 0; k < Choices!.Count; k++) if (Choices[k] == text) i = k;
            error = i < 0 ? $"'{text}' is not allowed; allowed: {Allowed}" : null;
            stored = i;
            return i >= 0;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
        {
            error = $"'{text}' is not a number; allowed: {Allowed}";
            return false;
        }
        return TryNumber(x, out stored, out error);
    }

    /// <summary>Checks a stored value (from code, or a sweep), or says what is wrong.</summary>
    public bool IsValid(double stored, out string? error)
    {
        if (Kind != ParameterKind.Choice) return TryNumber(stored, out _, out error);
        bool ok = stored >= 0 && stored < Choices!.Count && stored == Math.Floor(stored);
        error = ok ? null : $"{Fmt(stored)} is not a choice; allowed: {Allowed}";
        return ok;
    }
}

/// <summary>A real-valued parameter.</summary>
public sealed class RealParameter : Parameter
{
    internal RealParameter(ParameterSection section, string name, double @default, double min, double max, string unit, string description, string source, bool minExclusive)
        : base(section, name, unit, description, source)
    {
        Default = @default;
        Min = min;
        Max = max;
        MinExclusive = minExclusive;
    }

    /// <summary>The default.</summary>
    public double Default { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Real;

    /// <inheritdoc />
    public override double Min { get; }

    /// <inheritdoc />
    public override double Max { get; }

    /// <inheritdoc />
    public override bool MinExclusive { get; }

    /// <inheritdoc />
    public override double DefaultStored => Default;
}

/// <summary>A whole-number parameter.</summary>
public sealed class IntegerParameter : Parameter
{
    internal IntegerParameter(ParameterSection section, string name, int @default, int min, int max, string unit, string description, string source)
        : base(section, name, unit, description, source)
    {
        Default = @default;
        Min = min;
        Max = max;
    }

    /// <summary>The default.</summary>
    public int Default { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Integer;

    /// <inheritdoc />
    public override double Min { get; }

    /// <inheritdoc />
    public override double Max { get; }

    /// <inheritdoc />
    public override double DefaultStored => Default;
}

/// <summary>A parameter that takes one of a fixed set of names, read back as the enum <typeparamref name="T"/>.</summary>
public sealed class ChoiceParameter<T> : Parameter where T : struct, Enum
{
    private readonly string[] _names;
    private readonly T[] _values;

    internal ChoiceParameter(ParameterSection section, string name, T @default, (T Value, string Name)[] choices, string description, string source)
        : base(section, name, "", description, source)
    {
        _values = choices.Select(c => c.Value).ToArray();
        _names = choices.Select(c => c.Name).ToArray();
        Default = @default;
    }

    /// <summary>The default.</summary>
    public T Default { get; }

    /// <inheritdoc />
    public override ParameterKind Kind => ParameterKind.Choice;

    /// <inheritdoc />
    public override IReadOnlyList<string> Choices => _names;

    /// <inheritdoc />
    public override double DefaultStored => Array.IndexOf(_values, Default);

    /// <summary>The enum value of a stored index.</summary>
    public T ValueOf(double stored) => _values[(int)stored];

    /// <summary>The stored index of an enum value.</summary>
    public double StoredOf(T value) => Array.IndexOf(_values, value);

    /// <summary>The file name of an enum value.</summary>
    public string NameOf(T value) => _names[Array.IndexOf(_values, value)];
}

/// <summary>
/// A section of parameters (population, behaviour, a domain, a public body, a strategy): the declarations in file
/// order and their defaults. Declaring a parameter adds it to its section, so a new parameter is one line in one file.
/// </summary>
public sealed class ParameterSection
{
    private readonly List<Parameter> _parameters = [];
    private ParameterValues? _defaults;

    /// <summary>Creates a section named <paramref name="name"/> ("" for the top level of a scenario).</summary>
    public ParameterSection(string name) => Name = name;

    /// <summary>The section's key in scenario files ("" for the top level).</summary>
    public string Name { get; }

    /// <summary>The declarations, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Every parameter at its default.</summary>
    public ParameterValues Defaults => _defaults ??= new ParameterValues(this, _parameters.Select(p => p.DefaultStored).ToArray());

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public Parameter? Find(string name)
    {
        foreach (Parameter p in _parameters) if (p.Name == name) return p;
        return null;
    }

    /// <summary>Declares a real parameter.</summary>
    public RealParameter Real(string name, double @default, double min, double max, string unit, string description, string source, bool minExclusive = false) =>
        Add(new RealParameter(this, name, @default, min, max, unit, description, source, minExclusive));

    /// <summary>Declares a whole-number parameter.</summary>
    public IntegerParameter Integer(string name, int @default, int min, int max, string unit, string description, string source) =>
        Add(new IntegerParameter(this, name, @default, min, max, unit, description, source));

    /// <summary>Declares a choice parameter.</summary>
    public ChoiceParameter<T> Choice<T>(string name, T @default, (T Value, string Name)[] choices, string description, string source) where T : struct, Enum =>
        Add(new ChoiceParameter<T>(this, name, @default, choices, description, source));

    private TParameter Add<TParameter>(TParameter p) where TParameter : Parameter
    {
        if (_defaults is not null) throw new InvalidOperationException($"section '{Name}' is sealed: declare parameters before reading its defaults");
        if (Find(p.Name) is not null) throw new ArgumentException($"parameter '{p.Name}' is declared twice in section '{Name}'");
        p.Index = _parameters.Count;
        _parameters.Add(p);
        return p;
    }
}

/// <summary>
/// Immutable values of one section's parameters, read typed (<c>values[BehaviourParameters.TrustGain]</c>) and
/// changed by copy (<c>values.With(StrategyLevers.Recognition, 0.5)</c>).
/// </summary>
public sealed class ParameterValues
{
    private readonly double[] _stored;

    internal ParameterValues(ParameterSection section, double[] stored)
    {
        Section = section;
        _stored = stored;
    }

    /// <summary>The section these values belong to.</summary>
    public ParameterSection Section { get; }

    /// <summary>A real parameter's value.</summary>
    public double this[RealParameter p] => _stored[Own(p)];

    /// <summary>A whole-number parameter's value.</summary>
    public int this[IntegerParameter p] => (int)_stored[Own(p)];

    /// <summary>A choice parameter's value.</summary>
    public T Get<T>(ChoiceParameter<T> p) where T : struct, Enum => p.ValueOf(_stored[Own(p)]);

    /// <summary>Any parameter's value as stored (a choice as its index).</summary>
    public double Stored(Parameter p) => _stored[Own(p)];

    /// <summary>A copy with <paramref name="p"/> set to <paramref name="value"/> (checked by validation, not here).</summary>
    public ParameterValues With(RealParameter p, double value) => WithStored(p, value);

    /// <summary>A copy with <paramref name="p"/> set to <paramref name="value"/>.</summary>
    public ParameterValues With(IntegerParameter p, int value) => WithStored(p, value);

    /// <summary>A copy with <paramref name="p"/> set to <paramref name="value"/>.</summary>
    public ParameterValues With<T>(ChoiceParameter<T> p, T value) where T : struct, Enum => WithStored(p, p.StoredOf(value));

    /// <summary>A copy with <paramref name="p"/> set to its stored form <paramref name="stored"/>.</summary>
    public ParameterValues WithStored(Parameter p, double stored)
    {
        double[] copy = (double[])_stored.Clone();
        copy[Own(p)] = stored;
        return new ParameterValues(Section, copy);
    }

    /// <summary>Every value that breaks its parameter's range, with <paramref name="prefix"/> before the name.</summary>
    public IEnumerable<ParameterError> Errors(string prefix)
    {
        foreach (Parameter p in Section.Parameters)
            if (!p.IsValid(_stored[p.Index], out string? error)) yield return new ParameterError(prefix + p.Name, error!);
    }

    private int Own(Parameter p)
    {
        if (!ReferenceEquals(p.Section, Section)) throw new ArgumentException($"parameter '{p}' is not in section '{Section.Name}'", nameof(p));
        return p.Index;
    }
}
