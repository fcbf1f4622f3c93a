namespace CoProdSim.Model.Behaviour;

/// <summary>
/// The model's fixed coefficients: each named once, with why it has its value. They are structural choices of
/// docs/odd.md rather than settings a scenario varies; every one is an assumption unless a source is given.
/// (Coefficients a scenario can vary are in the parameter table, <c>Parameters/</c>.)
/// </summary>
public static class Coefficients
{
    // ---- Engagement (docs/odd.md 7.2, 7.3) ----

    /// <summary>Hours a month at which time stops being scarce for the opportunity-cost term.</summary>
    public const double AmpleHours = 40;

    /// <summary>Weight of skill when a citizen picks the domain to co-produce in (where unmet need is largest, leaning toward skills).</summary>
    public const double SkillPull = 0.3;

    /// <summary>Strength of a contact's invitation relative to one from the public body (1).</summary>
    public const double PeerInvitationStrength = 0.7;

    /// <summary>Invitation weights by income quintile (poorest first) under deprived-first targeting; mean 1, so the number of invitations is unchanged.</summary>
    public static readonly double[] DeprivedFirstWeights = [2.2, 1.4, 0.8, 0.4, 0.2];

    /// <summary>Monthly donation of a co-commissioning participant of income quintile <paramref name="quintile"/> (0 poorest): the lever's amount in the middle quintile, rising with income.</summary>
    public static double Donation(double coFinancing, int quintile) => coFinancing * (quintile + 1) / 3.0;

    // ---- Planning (7.1) ----

    /// <summary>Participatory budgeting and donations follow a yearly cycle: a month moves them 1/12 of the way.</summary>
    public const double BudgetCycle = 1.0 / 12;

    /// <summary>Share of a neighbourhood's need a body does not see at full deprivation ("hard to reach").</summary>
    public const double HiddenNeedAtFullDeprivation = 0.5;

    /// <summary>Share of hidden need an active community group reveals.</summary>
    public const double GroupReveal = 0.5;

    /// <summary>Hidden need revealed per unit share of residents co-commissioning (10% of residents reveal it all).</summary>
    public const double CommissioningReveal = 10;

    /// <summary>How much a 100% price rise deters use, by income quintile (poorest first): charges fall hardest on the poorest.</summary>
    public static readonly double[] ChargeElasticity = [1.0, 0.7, 0.4, 0.2, 0.1];

    // ---- Production (7.4, 7.5) ----

    /// <summary>A grant halves the share of residents needed for a community group at full intensity.</summary>
    public const double GrantThresholdRelief = 0.5;

    /// <summary>Share of residents co-assessing at which co-assessment works at full strength (2%).</summary>
    public const double CoAssessmentReach = 50;

    /// <summary>Share of a quintile co-designing at which co-design works at full strength (20%).</summary>
    public const double CoDesignReach = 5;

    /// <summary>Weight of co-designers of the neighbouring income quintiles (they know those needs half as well).</summary>
    public const double NeighbouringQuintileWeight = 0.5;

    // ---- Outcomes (7.6) ----

    /// <summary>Harmful events per month at risk behaviour 1, per unit of a domain's incidence (risk 0.5 gives the incidence).</summary>
    public const double RiskToEvents = 2;

    /// <summary>Well-being lost in a harmful event.</summary>
    public const double HarmToWellbeing = 0.2;

    /// <summary>Need added by a harmful event.</summary>
    public const double HarmToNeed = 0.1;

    /// <summary>Monthly relaxation of need toward its level at the citizen's risk behaviour.</summary>
    public const double NeedAdjustment = 0.05;

    /// <summary>Need at risk 0 relative to the base (risk 0.5 leaves it unchanged): need x (NeedAtNoRisk + NeedPerRisk x risk).</summary>
    public const double NeedAtNoRisk = 0.7, NeedPerRisk = 0.6;

    /// <summary>Well-being target lost while burnt out.</summary>
    public const double BurnoutHarm = 0.1;

    /// <summary>Experience moves 1/12 of the way toward 1 in a month of co-delivery or co-design (about a year to build).</summary>
    public const double ExperienceRate = 1.0 / 12;

    /// <summary>Own benefit scales with skill relative to an average skill of 0.5.</summary>
    public const double OwnBenefitSkillScale = 2;

    // ---- Feedback (7.7) ----

    /// <summary>Monthly step of efficacy toward 1 after success or toward 0 after failure.</summary>
    public const double EfficacyStep = 0.02;

    /// <summary>Weight of transparency through co-assessment in the trust signal.</summary>
    public const double TransparencySignal = 0.05;

    /// <summary>Trust signal of recognition for an engaged citizen.</summary>
    public const double RecognitionSignal = 0.1;

    /// <summary>
    /// Trust signal of being asked to give while getting less than expected ("more asked, less given"), per unit of
    /// noticeable shortfall, for an engaged citizen without recognition.
    /// </summary>
    public const double ExploitationSignal = 1.0;

    /// <summary>Annual discount rate of costs and QALYs (NICE reference case, 3.5%).</summary>
    public const double AnnualDiscount = 0.035;

    /// <summary>Months over which yearly participation and yearly hours are counted.</summary>
    public const int Year = 12;

    /// <summary>A burnt-out citizen recovers when fatigue falls below this share of their threshold.</summary>
    public const double RecoveryShare = 0.5;
}
