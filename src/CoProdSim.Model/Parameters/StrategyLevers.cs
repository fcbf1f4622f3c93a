namespace CoProdSim.Model.Parameters;

/// <summary>
/// The levers a public body's co-production strategy sets (model brief, sections 4 and 5). A preset
/// (<see cref="StrategyPresets"/>) is one set of values; a scenario may set any lever by itself.
/// </summary>
public sealed record StrategyLevers
{
    /// <summary>Relative change of the service budget: -0.2 is a 20% cut.</summary>
    public double BudgetChange { get; init; }

    /// <summary>Share of the budget spent on co-production support (coordination, training, recognition, respite, community grants) instead of professional hours.</summary>
    public double SupportShare { get; init; }

    /// <summary>Intensity of recognition of citizens' inputs, 0 (none) to 1 (systematic thanks, feedback, awards).</summary>
    public double Recognition { get; init; }

    /// <summary>Share of the support budget that buys respite care for carers.</summary>
    public double RespiteShare { get; init; }

    /// <summary>Monthly probability that a citizen is invited to co-produce (before targeting weights).</summary>
    public double InvitationRate { get; init; }

    /// <summary>Who the invitations reach first.</summary>
    public Targeting Targeting { get; init; } = Targeting.Universal;

    /// <summary>Share of the support budget given as grants, facilities and recognition to community groups (outside-in).</summary>
    public double CommunityGrants { get; init; }

    /// <summary>Share of the service budget allocated by participatory budgeting (co-prioritisation).</summary>
    public double ParticipatoryBudgetShare { get; init; }

    /// <summary>Strength of co-assessment (tenant inspectors, user ratings), 0 to 1.</summary>
    public double CoAssessment { get; init; }

    /// <summary>User charges as a share of service cost (co-financing by users).</summary>
    public double Charges { get; init; }

    /// <summary>Monthly donation of a co-commissioning participant of the middle income quintile, GBP (co-financing).</summary>
    public double CoFinancing { get; init; }

    /// <summary>How the service budget is split over neighbourhoods.</summary>
    public Allocation Allocation { get; init; } = Allocation.Population;

    /// <summary>Relative weights of the four modes for an engaging citizen, in <see cref="Mode"/> order. All zero: no active co-production.</summary>
    public IReadOnlyList<double> ModeWeights { get; init; } = [0, 0, 0, 0];

    /// <summary>True when any mode is open to citizens.</summary>
    public bool AnyModeOpen
    {
        get
        {
            // An indexed loop: foreach over the interface would allocate an enumerator on every call.
            for (int m = 0; m < ModeWeights.Count; m++) if (ModeWeights[m] > 0) return true;
            return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(StrategyLevers? other) =>
        other is not null && BudgetChange == other.BudgetChange && SupportShare == other.SupportShare && Recognition == other.Recognition
        && RespiteShare == other.RespiteShare && InvitationRate == other.InvitationRate && Targeting == other.Targeting
        && CommunityGrants == other.CommunityGrants && ParticipatoryBudgetShare == other.ParticipatoryBudgetShare
        && CoAssessment == other.CoAssessment && Charges == other.Charges && CoFinancing == other.CoFinancing
        && Allocation == other.Allocation && ModeWeights.SequenceEqual(other.ModeWeights);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BudgetChange, SupportShare, Recognition, InvitationRate, Targeting, Allocation);
}

/// <summary>The six strategy presets of the model brief (section 5).</summary>
public static class StrategyPresets
{
    /// <summary>Public provision only: no invitations, no support beyond the everyday baseline of co-production.</summary>
    public static readonly StrategyLevers Traditional = new();

    /// <summary>Invitations into existing services (co-delivery, co-design), universal targeting, modest support.</summary>
    public static readonly StrategyLevers InsideOut = new()
    {
        InvitationRate = 0.15,
        SupportShare = 0.03,
        Recognition = 0.4,
        ModeWeights = [0, 0.3, 0.7, 0],
    };

    /// <summary>Grants, facilities and recognition for community groups; the need they reveal enters planning.</summary>
    public static readonly StrategyLevers OutsideIn = new()
    {
        InvitationRate = 0.03,
        SupportShare = 0.05,
        Recognition = 0.6,
        CommunityGrants = 0.6,
        Allocation = Allocation.Need,
        ModeWeights = [0.2, 0, 0.8, 0],
    };

    /// <summary>A balanced portfolio of the Four Co's, with participatory budgeting and co-assessment.</summary>
    public static readonly StrategyLevers FourCos = new()
    {
        InvitationRate = 0.12,
        SupportShare = 0.06,
        Recognition = 0.6,
        RespiteShare = 0.1,
        CommunityGrants = 0.2,
        ParticipatoryBudgetShare = 0.15, // Porto Alegre: 15% of the investment budget (model brief, section 7)
        CoAssessment = 1,
        Allocation = Allocation.Need,
        ModeWeights = [0.2, 0.2, 0.45, 0.15],
    };

    /// <summary>A 20% budget cut, citizens invited to fill the gap, little support or recognition.</summary>
    public static readonly StrategyLevers CostCutting = new()
    {
        BudgetChange = -0.2,
        InvitationRate = 0.2,
        SupportShare = 0.01,
        Recognition = 0.05,
        ModeWeights = [0, 0, 1, 0],
    };

    /// <summary>Four Co's with outreach to the most deprived quintile first and respite for carers.</summary>
    public static readonly StrategyLevers EquityTargeted = FourCos with
    {
        Targeting = Targeting.DeprivedFirst,
        RespiteShare = 0.3,
        SupportShare = 0.08,
    };

    /// <summary>Every preset by its file name, in the brief's order.</summary>
    public static readonly IReadOnlyDictionary<string, StrategyLevers> All = new Dictionary<string, StrategyLevers>
    {
        ["traditional"] = Traditional,
        ["inside-out"] = InsideOut,
        ["outside-in"] = OutsideIn,
        ["four-cos"] = FourCos,
        ["cost-cutting"] = CostCutting,
        ["equity-targeted"] = EquityTargeted,
    };

    /// <summary>One-line descriptions for <c>coprodsim list</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["traditional"] = "public provision only: no invitations, no support beyond everyday co-production",
        ["inside-out"] = "invitations into existing services (co-delivery, co-design), universal, modest support",
        ["outside-in"] = "grants and recognition for community groups; the need they reveal enters planning",
        ["four-cos"] = "balanced Four Co's: participatory budgeting, co-design, co-delivery, co-assessment",
        ["cost-cutting"] = "20% budget cut, citizens invited to fill the gap, little support or recognition",
        ["equity-targeted"] = "four-cos with outreach to the most deprived first and respite for carers",
    };
}
