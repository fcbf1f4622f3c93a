using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

public class ParameterValidationTests
{
    [Test]
    public void DefaultsAndEveryPresetAreValid()
    {
        Assert.That(ParameterCatalog.Validate(new ModelParameters()), Is.Empty);
        foreach (StrategyLevers s in StrategyPresets.All.Values)
            Assert.That(ParameterCatalog.Validate(new ModelParameters { Strategy = s }), Is.Empty);
    }

    private static IEnumerable<TestCaseData> Bad()
    {
        var p = new ModelParameters();
        yield return new TestCaseData(p with { Strategy = p.Strategy with { InvitationRate = 1.5 } }, "strategy.invitation_rate", "1.5 is out of range; allowed: 0 to 1");
        yield return new TestCaseData(p with { Strategy = p.Strategy with { BudgetChange = -2 } }, "strategy.budget_change", "-2 is out of range; allowed: -1 to 10");
        yield return new TestCaseData(p with { Population = p.Population with { Citizens = 5 } }, "population.citizens", "allowed: 10 to 50000000 (whole number)");
        yield return new TestCaseData(p with { Population = p.Population with { Contacts = 5 } }, "population.contacts", "odd");
        yield return new TestCaseData(p with { Population = p.Population with { ConditionalShare = 0.8, FreeRiderShare = 0.4 } }, "population.free_rider_share", "more than 1");
        yield return new TestCaseData(p with { Population = p.Population with { Neighbourhoods = 20_000 } }, "population.neighbourhoods", "at least one citizen each");
        yield return new TestCaseData(p with { Domains = [p.Domains[0] with { Sigma = 0 }] }, "domains.health_care.sigma", "allowed: 0.01 to 1000000000");
        yield return new TestCaseData(p with { Domains = [p.Domains[0], p.Domains[0]] }, "domains.health_care", "appears twice");
        yield return new TestCaseData(p with { PublicBodies = [new PublicBodyParameters { Domains = ["policing"] }] }, "public_bodies.council.domains", "'policing' is not a domain");
        yield return new TestCaseData(p with { Strategy = p.Strategy with { RespiteShare = 0.7, CommunityGrants = 0.5 } }, "strategy.respite_share", "more than the whole support budget");
        yield return new TestCaseData(p with { Behaviour = p.Behaviour with { Adjustment = 0 } }, "behaviour.adjustment", "allowed: greater than 0, at most 1");
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
    public void SpecsConvertAndRefuseValuesClearly()
    {
        ParameterSpec<StrategyLevers> targeting = ParameterCatalog.Levers.Single(s => s.Name == "targeting");
        Assert.That(targeting.TryConvert("deprived-first", out _, out _), Is.True);
        Assert.That(targeting.TryConvert("poorest", out _, out string? error), Is.False);
        Assert.That(error, Is.EqualTo("'poorest' is not allowed; allowed: universal or deprived-first"));
        ParameterSpec<PopulationParameters> citizens = ParameterCatalog.Population.Single(s => s.Name == "citizens");
        Assert.That(citizens.TryConvert(100.5, out _, out error), Is.False);
        Assert.That(error, Does.Contain("not a whole number"));
        Assert.That(citizens.TryConvert("many", out _, out error), Is.False);
        Assert.That(error, Does.Contain("not a number"));
        Assert.That(citizens.TryConvert(2000.0, out object v, out _), Is.True);
        Assert.That(v, Is.EqualTo(2000));
    }
}
