using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>Behaviour 7 of the brief, and the fatigue equation.</summary>
public class TrustAndFatigueTests
{
    [TestCase(0.05)]
    [TestCase(0.2)]
    [TestCase(0.6)]
    [TestCase(1.0)]
    public void TrustFallsThreeTimesFasterThanItRisesForSignalsOfEqualSize(double size)
    {
        ParameterValues v = BehaviourParameters.Section.Defaults;
        const double start = 0.5; // at T = 0.5, (1 - T) = T, so the ratio of the two rates shows alone
        double gain = Trust.Update(start, +size, v[BehaviourParameters.TrustGain], v[BehaviourParameters.TrustLoss]) - start;
        double loss = start - Trust.Update(start, -size, v[BehaviourParameters.TrustGain], v[BehaviourParameters.TrustLoss]);
        Assert.That(gain, Is.GreaterThan(0));
        Assert.That(loss / gain, Is.EqualTo(3.0).Within(1e-9));
    }

    [Test]
    public void RepeatedGoodAndBadNewsOfEqualSizeErodeTrust()
    {
        ParameterValues v = BehaviourParameters.Section.Defaults;
        double t = 0.5;
        for (int month = 0; month < 24; month++) t = Trust.Update(t, month % 2 == 0 ? 0.3 : -0.3, v[BehaviourParameters.TrustGain], v[BehaviourParameters.TrustLoss]);
        // Twelve rises and twelve falls of the same size leave trust well below where it started.
        Assert.That(t, Is.LessThan(0.40));
        Assert.That(t, Is.GreaterThan(0.0));
    }

    [Test]
    public void AShortfallCountsAsAShareOfWhatWasExpectedBeyondTheJustNoticeableShare()
    {
        // Expected 0.6, got 0.57: 5% short, under a just-noticeable 10%: no news.
        Assert.That(Perception.Signal(0.57, 0.6, 0.1, 0, false, 0), Is.EqualTo(0));
        // Got 0.48: 20% short, 10 points beyond the threshold: a signal of -0.1, the same at any level of service.
        Assert.That(Perception.Signal(0.48, 0.6, 0.1, 0, false, 0), Is.EqualTo(-0.1).Within(1e-12));
        Assert.That(Perception.Signal(0.24, 0.3, 0.1, 0, false, 0), Is.EqualTo(-0.1).Within(1e-12));
        // A gain of the same share is news of the same size, and the whole service lost is the worst news (-1 before the threshold is taken off).
        Assert.That(Perception.Signal(0.72, 0.6, 0.1, 0, false, 0), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(Perception.Signal(0, 0.6, 0.1, 0, false, 0), Is.EqualTo(-0.9).Within(1e-12));
        // An engaged, unthanked citizen who gets less than expected loses more (exploitation); recognition softens it.
        Assert.That(Perception.Signal(0.48, 0.6, 0.1, 0, true, 0), Is.EqualTo(-0.2).Within(1e-12));
        Assert.That(Perception.Signal(0.48, 0.6, 0.1, 0, true, 1), Is.EqualTo(-0.1 + Coefficients.RecognitionSignal).Within(1e-12));
    }

    [Test]
    public void TrustStaysWithinZeroAndOne()
    {
        Assert.That(Trust.Update(0.99, 5, 0.1, 0.3), Is.LessThanOrEqualTo(1));
        Assert.That(Trust.Update(0.01, -5, 0.1, 0.3), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void FatigueFollowsTheBriefsEquation()
    {
        // 60 hours over a sustainable 80: +0.05 * 60/80 = 0.0375; recovery 0.1 * 0.5; respite 20 h: -0.05 * 20/80.
        double b = Fatigue.Update(0.5, hours: 20, caringLoad: 120, respiteHours: 20, sustainable: 80, gain: 0.05, recovery: 0.1);
        Assert.That(b, Is.EqualTo(0.5 + 0.0375 - 0.05 - 0.0125).Within(1e-12));
        Assert.That(Fatigue.Update(0.01, 0, 0, 100, 80, 0.05, 0.1), Is.EqualTo(0), "fatigue never goes below zero");
    }

    [Test]
    public void HoursFollowTheFittedConditionalProfiles()
    {
        var b = new EngagementCoefficients(BehaviourParameters.Section.Defaults);
        Assert.That(Engagement.Hours(b, BehaviouralType.ConditionalCooperator, 10, 40, 0), Is.EqualTo(2.06 + 8.3).Within(1e-12));
        Assert.That(Engagement.Hours(b, BehaviouralType.UnconditionalCooperator, 10, 40, 0), Is.EqualTo(16.2 + 0.4).Within(1e-12));
        Assert.That(Engagement.Hours(b, BehaviouralType.FreeRider, 10, 40, 0), Is.EqualTo(1.41 + 2.5).Within(1e-12));
        Assert.That(Engagement.Hours(b, BehaviouralType.UnconditionalCooperator, 10, 5, 0), Is.EqualTo(5), "never more than the time available");
        Assert.That(Engagement.Hours(b, BehaviouralType.ConditionalCooperator, 10, 40, 1), Is.EqualTo(2.06 + 2.0 + 10.3).Within(1e-12), "recognition raises and steepens the profile");
    }

    [Test]
    public void EngagementProbabilityFollowsParradoSigns()
    {
        var b = new EngagementCoefficients(BehaviourParameters.Section.Defaults);
        var baseline = new EngagementInputs(0.4, 0.1, 0, 0.5, 0.3, 0.1, 0.5, 0, 1, 0, false, false, false);
        double p = Engagement.Probability(b, baseline);
        Assert.That(Engagement.Probability(b, baseline with { Efficacy = 0.6 }), Is.GreaterThan(p));
        Assert.That(Engagement.Probability(b, baseline with { Invited = 1 }), Is.GreaterThan(p));
        Assert.That(Engagement.Probability(b, baseline with { Female = true }), Is.GreaterThan(p));
        Assert.That(Engagement.Probability(b, baseline with { Older = true }), Is.GreaterThan(p));
        Assert.That(Engagement.Probability(b, baseline with { Habitual = true }), Is.GreaterThan(2 * p), "having co-produced last month: a habit");
        Assert.That(Engagement.Probability(b, baseline with { NeedGap = 0 }), Is.LessThan(p), "good current outcomes: somewhat less");
        Assert.That(Engagement.Probability(b, baseline with { Fatigue = 0.5 }), Is.LessThan(p));
        Assert.That(Engagement.Probability(b, baseline with { PublicProvision = 1.5 }), Is.LessThan(p));
        // Self-efficacy is the strongest of the attitudes: the same change moves the probability most.
        double dEff = Engagement.Probability(b, baseline with { Efficacy = 0.5 }) - p;
        double dTrust = Engagement.Probability(b, baseline with { Trust = 0.6 }) - p;
        double dGap = Engagement.Probability(b, baseline with { NeedGap = 0.2 }) - p;
        Assert.That(dEff, Is.GreaterThan(dTrust));
        Assert.That(dEff, Is.GreaterThan(dGap));
    }
}
