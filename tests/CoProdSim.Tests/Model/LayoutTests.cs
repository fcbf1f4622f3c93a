using System.Runtime.CompilerServices;
using CoProdSim.Engine.Random;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Population;

namespace CoProdSim.Tests.Model;

/// <summary>
/// The packed citizen state and the branch-free domain choice (docs/performance.md, "Layout and the hot loops"): the
/// records are the sizes the memory table states, and the domain choice picks what the plain rule picks (the domain
/// of largest unmet need plus skill pull, the first of equal scores) with the same unmet need.
/// </summary>
public class LayoutTests
{
    [Test]
    public void RecordsAreTheSizesDocsPerformanceStates()
    {
        Assert.That(Unsafe.SizeOf<Citizen>(), Is.EqualTo(68));
        Assert.That(Unsafe.SizeOf<CitizenDomain>(), Is.EqualTo(16));
        // 68 + 2 dense bytes + 4 domains x 16: with 28 bytes of network, 162 a citizen, under the 300 allowed.
        Assert.That(new Citizens(0, 4).BytesPerCitizen, Is.EqualTo(134));
    }

    [Test]
    public void DomainChoiceIsThePlainRule()
    {
        var rng = new RandomStream(3, 0, 0, 0);
        var domains = new CitizenDomain[6];
        int ties = 0;
        for (int k = 0; k < 100_000; k++)
        {
            int n = 1 + k % domains.Length;
            for (int d = 0; d < n; d++)
            {
                // Coarse values (multiples of 1/8) make equal scores common, so the tie rule is tested too.
                domains[d] = new CitizenDomain
                {
                    Skill = rng.NextInt(9) / 8f, Need = rng.NextInt(9) / 8f, Wellbeing = rng.NextInt(9) / 8f, NeedBase = 0.5f,
                };
            }
            ReadOnlySpan<CitizenDomain> own = domains.AsSpan(0, n);
            int best = Engagement.ChooseDomain(own, out double gap);
            (int expected, double expectedGap, bool tied) = Plain(own);
            Assert.That(best, Is.EqualTo(expected));
            Assert.That(gap, Is.EqualTo(expectedGap));
            if (tied) ties++;
        }
        Assert.That(ties, Is.GreaterThan(1000), "equal best scores were tested");
    }

    /// <summary>The rule as first written: a running best replaced only by a strictly larger score.</summary>
    private static (int Best, double Gap, bool Tied) Plain(ReadOnlySpan<CitizenDomain> domains)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity, gap = 0;
        bool tied = false;
        for (int d = 0; d < domains.Length; d++)
        {
            double g = domains[d].Need - domains[d].Wellbeing;
            double score = g + Coefficients.SkillPull * domains[d].Skill;
            if (score > bestScore)
            {
                bestScore = score;
                best = d;
                gap = Math.Max(0, g);
                tied = false;
            }
            else if (score == bestScore) tied = true;
        }
        return (best, gap, tied);
    }
}
