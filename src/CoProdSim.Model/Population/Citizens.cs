using CoProdSim.Model.Parameters;

namespace CoProdSim.Model.Population;

/// <summary>
/// Citizen state, stored data-oriented (struct of arrays): one array per attribute, indexed by citizen id, and one
/// citizen-major array per per-domain attribute (index <c>i * Domains + d</c>). Citizens are sorted by
/// neighbourhood, so a partition touches a few neighbourhoods and contiguous memory. Floats keep a citizen under
/// 300 bytes (docs/performance.md): state is smooth and single precision is ample for it; sums are in doubles.
/// </summary>
public sealed class Citizens
{
    /// <summary>Allocates state for <paramref name="count"/> citizens and <paramref name="domains"/> domains.</summary>
    public Citizens(int count, int domains)
    {
        Count = count;
        Domains = domains;
        Neighbourhood = new int[count];
        Quintile = new byte[count];
        Older = new bool[count];
        Female = new bool[count];
        Type = new BehaviouralType[count];
        AvailableHours = new float[count];
        CaringLoad = new float[count];
        Efficacy = new float[count];
        Trust = new float[count];
        WarmGlow = new float[count];
        Risk = new float[count];
        Fatigue = new float[count];
        BurnoutThreshold = new float[count];
        BurntOut = new bool[count];
        Hours = new float[count];
        EngagedMode = new sbyte[count];
        EngagedModePrevious = new sbyte[count];
        EngagedDomain = new byte[count];
        PeerInvited = new bool[count];
        Experience = new float[count];
        SelfManagement = new float[count];
        Expectation = new float[count];
        LastEngaged = new int[count];
        HoursYear = new float[count];
        Skill = new float[count * domains];
        NeedBase = new float[count * domains];
        Need = new float[count * domains];
        Wellbeing = new float[count * domains];
    }

    /// <summary>Number of citizens.</summary>
    public int Count { get; }

    /// <summary>Number of service domains.</summary>
    public int Domains { get; }

    /// <summary>Neighbourhood of residence.</summary>
    public int[] Neighbourhood { get; }

    /// <summary>Household income quintile, 0 (poorest fifth) to 4; outputs name them 1 to 5.</summary>
    public byte[] Quintile { get; }

    /// <summary>Aged 65 or over.</summary>
    public bool[] Older { get; }

    /// <summary>Woman.</summary>
    public bool[] Female { get; }

    /// <summary>Behavioural type (Fischbacher et al. 2001).</summary>
    public BehaviouralType[] Type { get; }

    /// <summary>Hours a month available for co-production, after work and caring.</summary>
    public float[] AvailableHours { get; }

    /// <summary>Hours a month of unpaid care given (0 for non-carers).</summary>
    public float[] CaringLoad { get; }

    /// <summary>Self-efficacy, 0..1.</summary>
    public float[] Efficacy { get; }

    /// <summary>Trust in public bodies, 0..1.</summary>
    public float[] Trust { get; }

    /// <summary>Warm glow (intrinsic motivation), 0..1.</summary>
    public float[] WarmGlow { get; }

    /// <summary>Risk behaviour, 0..1: drives incidence and need.</summary>
    public float[] Risk { get; }

    /// <summary>Fatigue B.</summary>
    public float[] Fatigue { get; }

    /// <summary>Individual fatigue at which this citizen burns out.</summary>
    public float[] BurnoutThreshold { get; }

    /// <summary>Burnt out: no co-production until fatigue falls below half the threshold.</summary>
    public bool[] BurntOut { get; }

    /// <summary>Active co-production hours given this month.</summary>
    public float[] Hours { get; }

    /// <summary>Mode taken up this month (<see cref="Mode"/>), or -1 when not engaged.</summary>
    public sbyte[] EngagedMode { get; }

    /// <summary>Mode taken up last month, or -1: what contacts see (double-buffered, so reads are race-free).</summary>
    public sbyte[] EngagedModePrevious { get; }

    /// <summary>Domain co-produced in this month (meaningful when engaged).</summary>
    public byte[] EngagedDomain { get; }

    /// <summary>Invited by a contact last month (word of mouth, delivered as a message).</summary>
    public bool[] PeerInvited { get; }

    /// <summary>
    /// Co-production experience, 0..1: a moving average of months spent co-delivering (co-managing or co-performing) or
    /// co-designing. Experienced co-producers hold regular roles and give more hours (the civic core).
    /// </summary>
    public float[] Experience { get; }

    /// <summary>
    /// Self-management, 0..1: a moving average of months spent co-performing (the citizen's own contribution to their
    /// services). Those who have learnt it get more out of the services they receive (Kennedy et al. 2007).
    /// </summary>
    public float[] SelfManagement { get; }

    /// <summary>What the citizen expects of services: the share of need met, times its fit, that they have come to expect.</summary>
    public float[] Expectation { get; }

    /// <summary>The month the citizen last co-produced (a large negative number when never).</summary>
    public int[] LastEngaged { get; }

    /// <summary>Co-production hours over about the last year (a twelve-month exponential sum).</summary>
    public float[] HoursYear { get; }

    /// <summary>Skill per domain, 0..1.</summary>
    public float[] Skill { get; }

    /// <summary>Need per domain before the effect of risk behaviour, 0..1.</summary>
    public float[] NeedBase { get; }

    /// <summary>Need per domain, 0..1.</summary>
    public float[] Need { get; }

    /// <summary>Well-being per domain, 0..1.</summary>
    public float[] Wellbeing { get; }

    /// <summary>Bytes of state per citizen, network excluded.</summary>
    public int BytesPerCitizen => 4 + 1 + 1 + 1 + 1 + 4 * 14 + 1 + 1 + 1 + 1 + 1 + Domains * 16;
}
