using System.Runtime.CompilerServices;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Model.Behaviour;

/// <summary>What a citizen weighs when deciding whether to co-produce this month.</summary>
public readonly record struct EngagementInputs(
    double Efficacy,
    double NeedGap,
    double Invited,
    double Trust,
    double WarmGlow,
    double PeerShare,
    double OpportunityCost,
    double Fatigue,
    double PublicProvision,
    double LogEffectiveness,
    bool Habitual,
    bool Female,
    bool Older,
    double Campaign = 0,
    double AreaShift = 0);

/// <summary>
/// The behaviour parameters the engagement rule reads, copied once out of the parameter table into fields, so the
/// per-citizen loop reads plain fields (docs/odd.md 7.2 and 7.3).
/// </summary>
public readonly struct EngagementCoefficients
{
    /// <summary>Reads the coefficients from the behaviour section's values.</summary>
    public EngagementCoefficients(ParameterValues b)
    {
        Intercept = b[BehaviourParameters.Intercept];
        Efficacy = b[BehaviourParameters.Efficacy];
        NeedGap = b[BehaviourParameters.NeedGap];
        Invitation = b[BehaviourParameters.Invitation];
        Trust = b[BehaviourParameters.Trust];
        WarmGlow = b[BehaviourParameters.WarmGlow];
        Peer = b[BehaviourParameters.Peer];
        OpportunityCost = b[BehaviourParameters.OpportunityCost];
        Fatigue = b[BehaviourParameters.Fatigue];
        Crowding = b[BehaviourParameters.Crowding];
        Effectiveness = b[BehaviourParameters.Effectiveness];
        Female = b[BehaviourParameters.Female];
        Older = b[BehaviourParameters.Older];
        AreaOpportunity = b[BehaviourParameters.AreaOpportunity];
        Habit = b[BehaviourParameters.Habit];
        Campaign = b[BehaviourParameters.CampaignEffect];
        ConditionalA = b[BehaviourParameters.ConditionalA];
        ConditionalB = b[BehaviourParameters.ConditionalB];
        UnconditionalA = b[BehaviourParameters.UnconditionalA];
        UnconditionalB = b[BehaviourParameters.UnconditionalB];
        FreeRiderA = b[BehaviourParameters.FreeRiderA];
        FreeRiderB = b[BehaviourParameters.FreeRiderB];
        RecognitionHours = b[BehaviourParameters.RecognitionHours];
        RecognitionSlope = b[BehaviourParameters.RecognitionSlope];
        Commitment = b[BehaviourParameters.CommitmentHours];
    }

#pragma warning disable CS1591 // each field is the parameter of the same name in BehaviourParameters
    public readonly double Intercept, Efficacy, NeedGap, Invitation, Trust, WarmGlow, Peer, OpportunityCost, Fatigue, Crowding, Effectiveness, Female, Older, AreaOpportunity, Habit, Campaign;
    public readonly double ConditionalA, ConditionalB, UnconditionalA, UnconditionalB, FreeRiderA, FreeRiderB, RecognitionHours, RecognitionSlope, Commitment;
#pragma warning restore CS1591
}

/// <summary>
/// The engagement choice (docs/odd.md 7.2): a logistic function of the citizen's assets and circumstances, with the
/// signs of Parrado et al. (2013): self-efficacy strongest; women and older people more; good current outcomes
/// somewhat less (through the need gap); invitations more.
/// </summary>
public static class Engagement
{
    /// <summary>The probability of engaging this month.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Probability(in EngagementCoefficients b, in EngagementInputs x)
    {
        double u = b.Intercept
            + b.Efficacy * x.Efficacy
            + b.NeedGap * x.NeedGap
            + b.Invitation * x.Invited
            + b.Trust * x.Trust
            + b.WarmGlow * x.WarmGlow
            + b.Peer * x.PeerShare
            - b.OpportunityCost * x.OpportunityCost
            - b.Fatigue * x.Fatigue
            - b.Crowding * x.PublicProvision
            + b.Effectiveness * x.LogEffectiveness
            + (x.Habitual ? b.Habit : 0)
            + (x.Female ? b.Female : 0)
            + (x.Older ? b.Older : 0)
            + b.Campaign * x.Campaign
            + x.AreaShift;
        return Logistic(u);
    }

    /// <summary>
    /// The area term of the engagement logit for a neighbourhood of <paramref name="deprivation"/> (rank 0..1): fewer
    /// local groups and more barriers where deprivation is high, centred on the middle neighbourhood (docs/odd.md 7.2).
    /// A constant of the neighbourhood, so the model computes it once, not per citizen and month.
    /// </summary>
    public static double AreaShift(in EngagementCoefficients b, double deprivation) => -(b.AreaOpportunity * (deprivation - 0.5));

    /// <summary>
    /// The domain a citizen co-produces in: where unmet need (need minus well-being) is largest, leaning toward their
    /// skills; <paramref name="gap"/> is the unmet need there (at least 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ChooseDomain(ReadOnlySpan<CitizenDomain> domains, out double gap)
    {
        // Which domain wins varies from one citizen to the next without a pattern, so the running best is kept by
        // selection (a conditional move and a maximum), not by a branch a predictor would miss about half the time;
        // the first of equal scores wins, as with a strict comparison.
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int d = 0; d < domains.Length; d++)
        {
            ref readonly CitizenDomain x = ref domains[d];
            double score = (double)(x.Need - x.Wellbeing) + Coefficients.SkillPull * x.Skill;
            int better = score > bestScore ? 1 : 0;
            best += better * (d - best);
            bestScore = double.MaxNative(bestScore, score);  // scores are never NaN; a signed zero changes no later comparison
        }
        gap = domains.Length > 0 ? Math.Max(0.0, (double)(domains[best].Need - domains[best].Wellbeing)) : 0;
        return best;
    }

    /// <summary>The logistic function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Logistic(double u) => 1.0 / (1.0 + Math.Exp(-u));

    /// <summary>The opportunity cost of time: 1 with no time to spare, 0 from <see cref="Coefficients.AmpleHours"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpportunityCost(double available) => 1 - Math.Min(1, available / Coefficients.AmpleHours);

    /// <summary>
    /// Hours given this month by a citizen of type <paramref name="type"/> when engaged neighbours gave
    /// <paramref name="meanOthers"/> last month: <c>clamp(a + b * mean_others, 0, available)</c>
    /// (Fischbacher, Gächter &amp; Fehr 2001; fitted profiles of Jonsson &amp; Jonsson 2025). Recognition raises the
    /// intercept (a social reward) and the slope (felt reciprocity) of conditional profiles, which is what keeps
    /// contributions from decaying. Experience (0..1, about a year of co-producing to build) scales the profile by
    /// <c>1 + commitment x experience</c>: regular co-producers hold roles and give more hours (the civic core).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Hours(in EngagementCoefficients b, BehaviouralType type, double meanOthers, double available, double recognition, double experience = 0)
    {
        double a, slope;
        switch (type)
        {
            case BehaviouralType.ConditionalCooperator:
                a = b.ConditionalA + b.RecognitionHours * recognition;
                slope = b.ConditionalB + b.RecognitionSlope * recognition;
                break;
            case BehaviouralType.FreeRider:
                a = b.FreeRiderA;
                slope = b.FreeRiderB;
                break;
            default:
                a = b.UnconditionalA;
                slope = b.UnconditionalB;
                break;
        }
        return Math.Clamp((a + slope * meanOthers) * (1 + b.Commitment * experience), 0, Math.Max(0, available));
    }
}
