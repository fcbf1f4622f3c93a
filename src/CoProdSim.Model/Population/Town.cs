namespace CoProdSim.Model.Population;

/// <summary>
/// The town's fixed geography, known once citizens are synthesised: where each neighbourhood's residents start, how
/// many live there by income quintile, how deprived it is, and who cares. Nothing writes it after construction.
/// Income quintiles are numbered 0 (poorest fifth) to 4 everywhere in the model; outputs name them 1 to 5.
/// </summary>
public sealed class Town
{
    /// <summary>Number of income quintiles.</summary>
    public const int Quintiles = 5;

    /// <summary>Reads the geography of <paramref name="citizens"/>, whose neighbourhoods start at <paramref name="starts"/>.</summary>
    public Town(Citizens citizens, int[] starts)
    {
        Neighbourhoods = starts.Length - 1;
        Starts = starts;
        Population = new int[Neighbourhoods];
        Deprivation = new double[Neighbourhoods];
        QuintilePopulation = new int[Neighbourhoods * Quintiles];
        DeprivationFifth = new int[Neighbourhoods];
        CaringLoad = new double[Neighbourhoods];
        EfficacyAtStart = new double[Neighbourhoods * Quintiles];
        OlderShare = new double[Neighbourhoods * Quintiles];
        for (int h = 0; h < Neighbourhoods; h++)
        {
            Population[h] = starts[h + 1] - starts[h];
            Deprivation[h] = PopulationBuilder.Deprivation(h, Neighbourhoods);
            DeprivationFifth[h] = Math.Min(Quintiles - 1, (int)(Deprivation[h] * Quintiles));
        }
        double load = 0, efficacy = 0;
        foreach (ref readonly Citizen c in citizens.State.AsSpan())
        {
            int cell = c.Neighbourhood * Quintiles + c.Quintile;
            QuintilePopulation[cell]++;
            EfficacyAtStart[cell] += c.Efficacy;
            if (c.Older) OlderShare[cell] += 1;
            efficacy += c.Efficacy;
            QuintileCount[c.Quintile]++;
            load += c.CaringLoad;
            CaringLoad[c.Neighbourhood] += c.CaringLoad;
            if (c.CaringLoad > 0) Carers++;
        }
        TotalCaringLoad = load;
        MeanEfficacyAtStart = citizens.Count > 0 ? efficacy / citizens.Count : 0;
        for (int g = 0; g < EfficacyAtStart.Length; g++)
        {
            EfficacyAtStart[g] /= Math.Max(1, QuintilePopulation[g]);
            OlderShare[g] /= Math.Max(1, QuintilePopulation[g]);
        }
    }

    /// <summary>Mean self-efficacy at the start per (neighbourhood, income quintile), index <c>h * 5 + q</c>: the capability to exercise choice.</summary>
    public double[] EfficacyAtStart { get; }

    /// <summary>Mean self-efficacy of all citizens at the start.</summary>
    public double MeanEfficacyAtStart { get; }

    /// <summary>Share of residents aged 65 and over per (neighbourhood, income quintile), index <c>h * 5 + q</c>.</summary>
    public double[] OlderShare { get; }

    /// <summary>Number of neighbourhoods.</summary>
    public int Neighbourhoods { get; }

    /// <summary>Index of the first citizen of each neighbourhood; the last entry is the citizen count.</summary>
    public int[] Starts { get; }

    /// <summary>Residents per neighbourhood.</summary>
    public int[] Population { get; }

    /// <summary>Deprivation rank per neighbourhood, 0 (least) to 1 (most).</summary>
    public double[] Deprivation { get; }

    /// <summary>Which fifth of neighbourhoods by deprivation each neighbourhood is in: 0 least deprived, 4 most.</summary>
    public int[] DeprivationFifth { get; }

    /// <summary>Residents per (neighbourhood, income quintile), index <c>h * 5 + q</c>.</summary>
    public int[] QuintilePopulation { get; }

    /// <summary>Residents per income quintile, whole town.</summary>
    public int[] QuintileCount { get; } = new int[Quintiles];

    /// <summary>Hours of unpaid care given a month, per neighbourhood.</summary>
    public double[] CaringLoad { get; }

    /// <summary>Citizens who give unpaid care.</summary>
    public int Carers { get; }

    /// <summary>Hours of unpaid care given a month, all carers together.</summary>
    public double TotalCaringLoad { get; }
}
