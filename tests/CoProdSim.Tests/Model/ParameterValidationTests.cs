using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

public class ParameterValidationTests
{
    [Test]
    public void DefaultsAndEveryPresetAreValid()
    {
        Assert.That(ParameterCatalog.Validate(new ModelParameters()), Is.Empty);
        foreach (ParameterValues s in StrategyPresets.All.Values)
            Assert.That(ParameterCatalog.Validate(new ModelParameters { Strategy = s }), Is.Empty);
    }

    private static IEnumerable<TestCaseData> Bad()
    {
        var p = new ModelParameters();
        yield return new TestCaseData(p.With(StrategyLevers.InvitationRate, 1.5), "strategy.invitation_rate", "1.5 is out of range; allowed: 0 to 1");
        yield return new TestCaseData(p.With(StrategyLevers.BudgetChange, -2), "strategy.budget_change", "-2 is out of range; allowed: -1 to 10");
        yield return new TestCaseData(p.With(PopulationParameters.Citizens, 5), "population.citizens", "allowed: 10 to 50000000 (whole number)");
        yield return new TestCaseData(p.With(PopulationParameters.Contacts, 5), "population.contacts", "odd");
        yield return new TestCaseData(p.With(PopulationParameters.ConditionalShare, 0.8).With(PopulationParameters.FreeRiderShare, 0.4), "population.free_rider_share", "more than 1");
        yield return new TestCaseData(p.With(PopulationParameters.Neighbourhoods, 20_000), "population.neighbourhoods", "at least one citizen each");
        yield return new TestCaseData(p with { Domains = [p.Domains[0] with { Values = p.Domains[0].Values.With(DomainParameters.Sigma, 0) }] }, "domains.health_care.sigma", "allowed: 0.01 to 1000000000");
        yield return new TestCaseData(p with { Domains = [p.Domains[0], p.Domains[0]] }, "domains.health_care", "appears twice");
        yield return new TestCaseData(p with { PublicBodies = [PublicBodyParameters.Council with { Domains = ["policing"] }] }, "public_bodies.council.domains", "'policing' is not a domain");
        yield return new TestCaseData(p.With(StrategyLevers.RespiteShare, 0.7).With(StrategyLevers.CommunityGrants, 0.5), "strategy.respite_share", "more than the whole support budget");
        yield return new TestCaseData(p.With(BehaviourParameters.Adjustment, 0), "behaviour.adjustment", "allowed: greater than 0, at most 1");
        yield return new TestCaseData(p.With(RunParameters.Horizon, 0), "horizon", "allowed: 1 to 100000 (whole number)");
        yield return new TestCaseData(p.With(StrategyLevers.Targeting, 7), "strategy.targeting", "allowed: universal or deprived-first");
    }

    [TestCaseSource(nameof(Bad))]
    public void OutOfRangeParametersAreRejectedWithPathAndAllowedValues(ModelParameters p, string path, string message)
    {
        IReadOnlyList<ParameterError> errors = ParameterCatalog.Validate(p);
        Assert.That(errors.Select(e => e.Path), Does.Contain(path));
        Assert.That(errors.First(e => e.Path == path).Message, Does.Contain(message));
        var ex = Assert.Throws<ArgumentException>(() => _ = new CoProductionModel(p, 1));
        Assert.That(ex!.Message, Does.Contain(path));
    }

    [Test]
    public void ParametersParseAndRefuseValuesClearly()
    {
        Assert.That(StrategyLevers.Targeting.TryParse("deprived-first", out double stored, out _), Is.True);
        Assert.That(StrategyLevers.Targeting.ValueOf(stored), Is.EqualTo(Targeting.DeprivedFirst));
        Assert.That(StrategyLevers.Targeting.TryParse("poorest", out _, out string? error), Is.False);
        Assert.That(error, Is.EqualTo("'poorest' is not allowed; allowed: universal or deprived-first"));
        Assert.That(PopulationParameters.Citizens.TryNumber(100.5, out _, out error), Is.False);
        Assert.That(error, Does.Contain("not a whole number"));
        Assert.That(PopulationParameters.Citizens.TryParse("many", out _, out error), Is.False);
        Assert.That(error, Does.Contain("not a number"));
        Assert.That(PopulationParameters.Citizens.TryParse("2000", out stored, out _), Is.True);
        Assert.That(new ModelParameters().With(PopulationParameters.Citizens, stored).Population[PopulationParameters.Citizens], Is.EqualTo(2000));
    }

    [Test]
    public void EveryParameterIsDeclaredOnceWithADescriptionAndASource()
    {
        foreach (ParameterSection section in ParameterCatalog.Sections)
        {
            Assert.That(section.Parameters.Select(p => p.Name), Is.Unique, section.Name);
            foreach (Parameter p in section.Parameters)
            {
                Assert.That(p.Description, Is.Not.Empty, p.ToString());
                Assert.That(p.Source, Is.Not.Empty, p.ToString());
                Assert.That(p.IsValid(p.DefaultStored, out string? error), Is.True, $"{p}: default {p.DefaultStored}: {error}");
            }
        }
        Assert.That(ParameterCatalog.Sections.Sum(s => s.Parameters.Count), Is.GreaterThan(70));
    }

    [Test]
    public void ValuesOfOneSectionRefuseAParameterOfAnother()
    {
        Assert.Throws<ArgumentException>(() => _ = StrategyPresets.FourCos[BehaviourParameters.TrustGain]);
        Assert.Throws<ArgumentException>(() => _ = new ModelParameters().With(DomainParameters.Sigma, 1));
    }
}
