using System.Text;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Validation;

/// <summary>
/// Pattern-oriented validation (docs/validation.md): one test per stylised fact. Where the model reproduces a fact,
/// its test asserts the figure within the fact's tolerance; where it misses, the test asserts what the model does
/// reproduce (a direction, a level) and the miss is recorded, with its numbers, in docs/validation.md, whose table is
/// generated from the same figures: <c>UPDATE_VALIDATION=1</c> rewrites it, otherwise the test checks it is current.
/// Runs are shared between tests (<see cref="ValidationRuns"/>), so the first test to need one pays for it; the
/// whole class takes well under a minute.
/// </summary>
public class ValidationTests
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_VALIDATION") == "1";

    public const string BeginMarker = "<!-- BEGIN generated validation table: UPDATE_VALIDATION=1 dotnet test tests/CoProdSim.Tests -c Release --filter FullyQualifiedName~Validation -->";
    public const string EndMarker = "<!-- END generated validation table -->";

    private static void Verify(int number)
    {
        Fact fact = StylisedFacts.All.Single(f => f.Number == number);
        Figure figure = fact.Figure;
        TestContext.Out.WriteLine($"{fact.Name}: {figure.Model} ({(figure.Pass ? "pass" : "miss")})");
        if (figure.Note != "") TestContext.Out.WriteLine(figure.Note);
        Assert.Multiple(() =>
        {
            IEnumerable<Check> asserted = fact.KnownMiss ? figure.Reproduced : figure.Target.Concat(figure.Reproduced);
            foreach (Check c in asserted) Assert.That(c.Ok, Is.True, $"fact {number}, {fact.Name}: {c.What}");
        });
    }

    [Test, Category("Slow")]
    public void Fact01_FormalVolunteeringAtLeastMonthlyIsAbout16PercentUnderInsideOut() => Verify(1);

    [Test, Category("Slow")]
    public void Fact02_YearlyParticipationExceedsMonthlyAndMatchesTheSurveysYearlyRate() => Verify(2);

    [Test, Category("Slow")]
    public void Fact03_ACivicCoreGivesMostHours() => Verify(3);

    [Test, Category("Slow")]
    public void Fact04_OlderPeopleCoProduceMoreThanYoungerPeople() => Verify(4);

    [Test, Category("Slow")]
    public void Fact05_ParticipationRisesWithIncomeByARatioOf1Point3To2Point1() => Verify(5);

    [Test, Category("Slow")]
    public void Fact06_LeastDeprivedAreasCoProduceMoreThanMostDeprived() => Verify(6);

    [Test, Category("Slow")]
    public void Fact07_HoursPerVolunteerAreTensOfHoursAYear() => Verify(7);

    [Test]
    public void Fact08_UnpaidCarePrevalenceIsTheCensus8Point9Percent() => Verify(8);

    [Test]
    public void Fact09_CarersFallIntoTheCensusHoursBands() => Verify(9);

    [Test]
    public void Fact10_CaringIsCommonerAndHeavierInDeprivedAreas() => Verify(10);

    [Test, Category("Slow")]
    public void Fact11_CarersAreWorseOffThanNonCarersAndHeavyCarersWorstOff() => Verify(11);

    [Test, Category("Slow")]
    public void Fact12_RespiteHasASmallStandardisedEffectOnCarersBurden() => Verify(12);

    [Test, Category("Slow")]
    public void Fact13_ConditionalCooperationDecaysWithoutRecognitionAndHoldsWithIt() => Verify(13);

    [Test, Category("Slow")]
    public void Fact14_TrustIsModerateUnderTraditionalProvisionAndFallsThreeTimesFasterThanItRises() => Verify(14);

    [Test, Category("Slow")]
    public void Fact15_TrustHoldsThroughTheFirstYearOfACutAndThenFallsByAFewPoints() => Verify(15);

    [Test, Category("Slow")]
    public void Fact16_MorePublicInputCrowdsCitizensInWithComplements() => Verify(16);

    [Test, Category("Slow")]
    public void Fact17_CoProducersGainFromTheirOwnCoProduction() => Verify(17);

    [Test]
    public void EveryFactHasOneTest()
    {
        string[] tests = typeof(ValidationTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("Fact", StringComparison.Ordinal)).ToArray();
        foreach (Fact f in StylisedFacts.All)
            Assert.That(tests.Count(n => n.StartsWith($"Fact{f.Number:D2}_", StringComparison.Ordinal)), Is.EqualTo(1), $"fact {f.Number}");
        Assert.That(tests, Has.Length.EqualTo(StylisedFacts.All.Length));
    }

    [Test, Category("Slow")]
    public void DocsValidationTableIsTheGeneratedTable()
    {
        string path = RepoPaths.Of("docs", "validation.md");
        string text = File.ReadAllText(path);
        string generated = Table();
        int begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        int end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (Update && begin >= 0 && end > begin)
        {
            text = text[..begin] + generated + text[(end + EndMarker.Length)..];
            File.WriteAllText(path, text);
            begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
            end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        }
        Assert.That(begin, Is.GreaterThanOrEqualTo(0), "docs/validation.md lacks the generated table's markers");
        Assert.That(text[begin..(end + EndMarker.Length)], Is.EqualTo(generated),
            "the model's figures have changed: run UPDATE_VALIDATION=1 dotnet test tests/CoProdSim.Tests -c Release --filter FullyQualifiedName~Validation, and review the diff");
    }

    /// <summary>The generated block: the table of facts and the notes on misses, between the markers.</summary>
    internal static string Table()
    {
        var sb = new StringBuilder();
        sb.Append(BeginMarker).Append('\n');
        sb.Append('\n');
        sb.Append("| # | fact | target (tolerance) | source | model's figure | scenario | kind | result |\n");
        sb.Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (Fact f in StylisedFacts.All)
            sb.Append($"| {f.Number} | {f.Name} | {f.Target} | {f.Source} | {f.Figure.Model} | {f.Scenario} | {StylisedFacts.Kind(f.Number)} | {(f.Figure.Pass ? "pass" : "**miss**")} |\n");
        int passes = StylisedFacts.All.Count(f => f.Figure.Pass);
        sb.Append('\n');
        sb.Append($"{passes} of {StylisedFacts.All.Length} facts pass.\n");
        sb.Append('\n');
        sb.Append("### Checks, misses and notes\n");
        sb.Append('\n');
        foreach (Fact f in StylisedFacts.All)
        {
            Figure fig = f.Figure;
            sb.Append($"- **{f.Number}. {f.Name}** ({(fig.Pass ? "pass" : "miss")}). Target: ");
            sb.Append(string.Join("; ", fig.Target.Select(c => $"{c.What} ({(c.Ok ? "yes" : "no")})")));
            sb.Append('.');
            if (!fig.Pass && fig.Reproduced.Count > 0)
                sb.Append(" Reproduced, and asserted by the test: ").Append(string.Join("; ", fig.Reproduced.Select(c => c.What))).Append('.');
            if (fig.Note != "") sb.Append(' ').Append(char.ToUpperInvariant(fig.Note[0])).Append(fig.Note[1..]);
            sb.Append('\n');
        }
        sb.Append('\n');
        sb.Append(EndMarker);
        return sb.ToString();
    }
}
