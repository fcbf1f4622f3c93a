using System.Runtime.Intrinsics.X86;
using CoProdSim.Engine.Random;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Tests.Model;

/// <summary>
/// The four-lane per-domain update (docs/performance.md, "Layout and the hot loops") gives bit for bit what the
/// domain-by-domain update gives: the citizen's records, the partial sums, the sum it returns and the draws it takes,
/// over random inputs and the edges where the clamps act (well-being driven below 0 and above 1, need at 0 and 1,
/// negative zero, rates of zero that skip a draw); and a whole model run gives the same metrics either way.
/// </summary>
public class FourDomainTests
{
    [Test]
    public void FourLanesGiveWhatOneDomainAtATimeGives()
    {
        if (!Avx.IsSupported) Assert.Ignore("no AVX on this processor: the model takes the scalar path everywhere");
        var rng = new RandomStream(31, 0, 0, 0);
        int clampedLow = 0, clampedHigh = 0, events = 0;
        for (int k = 0; k < 200_000; k++)
        {
            double Pick(double low, double high) => low + (high - low) * rng.NextDouble();
            float Value() => (k % 7, rng.NextInt(6)) switch
            {
                (0, 0) => 0f, (0, 1) => -0f, (0, 2) => 1f, _ => (float)rng.NextDouble(),
            };
            var rates = new CoProductionModel.DomainRates(Pick(0, 4), Pick(0.01, 3), Pick(0, 1.5), Pick(0, 0.5), Pick(0, 3),
                [k % 5 == 0 ? 0 : Pick(0, 1), Pick(0, 1), k % 3 == 0 ? 0 : Pick(0, 0.5), Pick(0, 1)]);
            var domains = new CitizenDomain[4];
            for (int d = 0; d < 4; d++) domains[d] = new CitizenDomain { Skill = Value(), NeedBase = Value(), Need = Value(), Wellbeing = Value() };
            double[] output = Enumerable.Range(0, 16).Select(_ => k % 11 == 0 ? 0 : Pick(0, 5)).ToArray();
            double[] unmet = Enumerable.Range(0, 16).Select(_ => Pick(0, 1)).ToArray();
            double[] row = Enumerable.Range(0, 20).Select(_ => Pick(0, 100)).ToArray();
            double selfCare = Pick(0, 1), harm = Pick(-0.5, 1.5), r = k % 13 == 0 ? 0 : Pick(0, 1);
            var seedStream = new RandomStream(32, k, 0, 0);
            ulong key = seedStream.NextUInt64();

            CitizenDomain[] a = (CitizenDomain[])domains.Clone(), b = (CitizenDomain[])domains.Clone();
            double[] rowA = (double[])row.Clone(), rowB = (double[])row.Clone();
            RandomStream rngA = new(key), rngB = new(key);
            double sumA = CoProductionModel.EachDomain(rates, a, output, unmet, rowA.AsSpan(0, 4), rowA.AsSpan(4, 16), ref rngA, selfCare, harm, r);
            double sumB = CoProductionModel.FourDomains(rates, b, output, unmet, rowB.AsSpan(0, 4), rowB.AsSpan(4, 16), ref rngB, selfCare, harm, r);

            Assert.That(BitConverter.DoubleToInt64Bits(sumB), Is.EqualTo(BitConverter.DoubleToInt64Bits(sumA)), $"case {k}: well-being sum");
            Assert.That(rngB.Position, Is.EqualTo(rngA.Position), $"case {k}: draws taken");
            for (int d = 0; d < 4; d++)
            {
                Assert.That(BitConverter.SingleToInt32Bits(b[d].Wellbeing), Is.EqualTo(BitConverter.SingleToInt32Bits(a[d].Wellbeing)), $"case {k}, domain {d}: well-being");
                Assert.That(BitConverter.SingleToInt32Bits(b[d].Need), Is.EqualTo(BitConverter.SingleToInt32Bits(a[d].Need)), $"case {k}, domain {d}: need");
                if (a[d].Wellbeing == 0) clampedLow++;
                if (a[d].Wellbeing == 1 || a[d].Need == 1) clampedHigh++;
            }
            for (int j = 0; j < row.Length; j++)
                Assert.That(BitConverter.DoubleToInt64Bits(rowB[j]), Is.EqualTo(BitConverter.DoubleToInt64Bits(rowA[j])), $"case {k}: partial sum {j}");
            events += (int)rngA.Position;
        }
        Assert.That(clampedLow, Is.GreaterThan(1000), "well-being clamped at 0 was tested");
        Assert.That(clampedHigh, Is.GreaterThan(1000), "well-being or need clamped at 1 was tested");
        Assert.That(events, Is.GreaterThan(100_000), "harmful-event draws were taken");
    }

    [Test]
    public void AModelRunIsTheSameEitherWay()
    {
        ModelParameters p = ModelRun.Small(StrategyPresets.FourCos, citizens: 2_000, horizon: 24);
        Assert.That(p.Domains.Count, Is.EqualTo(4), "the four-lane path is taken only with four domains");
        var scalar = new CoProductionModel(p, 5) { ScalarDomains = true };
        ModelRun lanes = ModelRun.Of(p, seed: 5), oneByOne = ModelRun.Of(scalar, p.Horizon);
        Assert.That(lanes.Rows, Has.Count.EqualTo(oneByOne.Rows.Count));
        for (int t = 0; t < lanes.Rows.Count; t++)
            Assert.That(lanes.Rows[t].Values, Is.EqualTo(oneByOne.Rows[t].Values).AsCollection, $"month {t}");
        Assert.That(lanes.Final(CoProdSim.Model.Metrics.MetricCatalog.ParticipationRate), Is.GreaterThan(0), "people took part, so every path ran");
    }
}
