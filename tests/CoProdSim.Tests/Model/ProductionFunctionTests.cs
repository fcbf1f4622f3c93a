using CoProdSim.Model.Production;

namespace CoProdSim.Tests.Model;

/// <summary>The CES production function and its limits (docs/odd.md, section 7.5).</summary>
public class ProductionFunctionTests
{
    [TestCase(0.5, 0.7, 1.0, 0.3, Description = "equal weights: one public unit replaced by one citizen unit")]
    [TestCase(0.6, 0.9, 1.2, 0.5, Description = "public weighted higher: replaced by alpha/(1-alpha) citizen units")]
    [TestCase(0.3, 0.4, 2.0, 0.4, Description = "citizen weighted higher")]
    public void PerfectSubstitutesReplacingPublicByEquallyEffectiveCitizenInputLeavesOutputUnchanged(double alpha, double r, double c, double replaced)
    {
        double before = Ces.Output(1.3, alpha, 1.0, r, c);
        // Equally effective: alpha * dR = (1 - alpha) * dC.
        double after = Ces.Output(1.3, alpha, 1.0, r - replaced, c + replaced * alpha / (1 - alpha));
        Assert.That(after, Is.EqualTo(before).Within(1e-12));
        // With complements (sigma 0.5) the same swap changes output: the test can tell the two apart.
        double complements = Ces.Output(1.3, alpha, -1.0, r - replaced, c + replaced * alpha / (1 - alpha));
        Assert.That(Math.Abs(complements - Ces.Output(1.3, alpha, -1.0, r, c)), Is.GreaterThan(1e-3));
    }

    [TestCase(0.6, 0.7, 1.3)]
    [TestCase(0.3, 2.0, 0.5)]
    public void CobbDouglasIsTheLimitAsRhoGoesToZero(double alpha, double r, double c)
    {
        double cobbDouglas = 2 * Math.Pow(r, alpha) * Math.Pow(c, 1 - alpha);
        Assert.That(Ces.Output(2, alpha, 0, r, c), Is.EqualTo(cobbDouglas).Within(1e-12));
        Assert.That(Ces.Output(2, alpha, 1e-4, r, c), Is.EqualTo(cobbDouglas).Within(1e-4));
        Assert.That(Ces.Output(2, alpha, -1e-4, r, c), Is.EqualTo(cobbDouglas).Within(1e-4));
        Assert.That(Ces.RhoFromSigma(1), Is.EqualTo(0));
    }

    [TestCase(0.6, 0.7, 1.3)]
    [TestCase(0.5, 2.0, 0.5)]
    public void LeontiefIsTheLimitAsRhoGoesToMinusInfinity(double alpha, double r, double c)
    {
        double min = Math.Min(r, c);
        Assert.That(Ces.Output(1, alpha, double.NegativeInfinity, r, c), Is.EqualTo(min));
        // Approaching the limit: within 2% at rho = -60, closer at -600.
        Assert.That(Ces.Output(1, alpha, -60, r, c), Is.EqualTo(min).Within(0.02 * min));
        Assert.That(Ces.Output(1, alpha, -600, r, c), Is.EqualTo(min).Within(0.002 * min));
    }

    [TestCase(0.6, 0.7, 1.3, Description = "citizen input abundant")]
    [TestCase(0.5, 2.0, 0.5, Description = "public input abundant")]
    public void LeontiefAddingTheAbundantInputAddsNothing(double alpha, double r, double c)
    {
        // Fixed proportions: output is the scarce input, whatever the surplus of the other.
        double scarce = Math.Min(r, c);
        double moreAbundant = r > c
            ? Ces.Output(1, alpha, double.NegativeInfinity, r + 5, c)
            : Ces.Output(1, alpha, double.NegativeInfinity, r, c + 5);
        Assert.That(moreAbundant, Is.EqualTo(scarce), "exactly the scarce input, as before");
        // Adding the scarce input does raise output, so the check above can fail.
        double moreScarce = r > c
            ? Ces.Output(1, alpha, double.NegativeInfinity, r, c + 0.1)
            : Ces.Output(1, alpha, double.NegativeInfinity, r + 0.1, c);
        Assert.That(moreScarce, Is.EqualTo(scarce + 0.1).Within(1e-12));
    }

    [Test]
    public void ComplementsProduceNothingWithoutCitizenInput()
    {
        Assert.That(Ces.Output(1, 0.6, -1, 0.7, 0), Is.Zero);
        Assert.That(Ces.Output(1, 0.6, 1, 0.7, 0), Is.EqualTo(0.42).Within(1e-12), "substitutes still produce");
    }

    [Test]
    public void OutputHasConstantReturnsToScale()
    {
        foreach (double rho in new[] { -1.0, 0.0, 0.5, 0.8, 1.0 })
            Assert.That(Ces.Output(1, 0.6, rho, 1.4, 2.2), Is.EqualTo(2 * Ces.Output(1, 0.6, rho, 0.7, 1.1)).Within(1e-12), $"rho {rho}");
    }

    [TestCase(0.5)]
    [TestCase(0.0)]
    [TestCase(-1.0)]
    public void MarginalProductMatchesANumericalDerivative(double rho)
    {
        const double h = 1e-6;
        double numeric = (Ces.Output(1.2, 0.6, rho, 0.8, 1.1 + h) - Ces.Output(1.2, 0.6, rho, 0.8, 1.1 - h)) / (2 * h);
        Assert.That(Ces.MarginalCitizenProduct(1.2, 0.6, rho, 0.8, 1.1), Is.EqualTo(numeric).Within(1e-6));
    }

    [TestCase(0.5, 0.6)]
    [TestCase(2.0, 0.4)]
    public void EfficientInputRatioEqualisesMarginalProductPerUnitCost(double sigma, double alpha)
    {
        double wR = 40, wC = 25, k = 5;
        double ratio = Ces.EfficientInputRatio(alpha, sigma, wR, wC, k);
        double rho = Ces.RhoFromSigma(sigma);
        const double h = 1e-6, r = 1.0, c0 = 1.0;
        double c = c0 * ratio;
        double mpR = (Ces.Output(1, alpha, rho, r + h, c) - Ces.Output(1, alpha, rho, r - h, c)) / (2 * h);
        double mpC = Ces.MarginalCitizenProduct(1, alpha, rho, r, c);
        // At the cost-minimising mix, MP_C / MP_R = (w_C + k) / w_R.
        Assert.That(mpC / mpR, Is.EqualTo((wC + k) / wR).Within(1e-5));
    }
}
