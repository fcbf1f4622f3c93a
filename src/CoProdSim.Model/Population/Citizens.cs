using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Model.Population;

/// <summary>
/// Citizen state, packed by how the phases read it (docs/performance.md, "Layout and the hot loops"). What one
/// citizen is and does sits together in one <see cref="Citizen"/> record (68 bytes), and what they need and have per
/// domain in one <see cref="CitizenDomain"/> record per domain (16 bytes, citizen-major: index
/// <c>i * Domains + d</c>). The decide and outcomes phases read and write almost all of a citizen, so each streams two
/// arrays through one reference each, instead of 28 arrays (24 per citizen, 4 per domain) each with its own base address and bounds check
/// (a struct of arrays spilled those addresses to the stack and reloaded them for every citizen). Two attributes stay
/// apart, in dense arrays, because other citizens' phases touch them at random: the mode taken up last month (read by
/// every contact, so a million citizens' fit in 1 MB of cache) and the word-of-mouth invitation (written by message
/// delivery). Citizens are sorted by neighbourhood, so a partition touches a few neighbourhoods and contiguous memory.
/// Floats keep a citizen small: state is smooth and single precision is ample for it; sums are in doubles.
/// </summary>
public sealed class Citizens
{
    /// <summary>Allocates state for <paramref name="count"/> citizens and <paramref name="domains"/> domains.</summary>
    public Citizens(int count, int domains)
    {
        Count = count;
        Domains = domains;
        State = new Citizen[count];
        ByDomain = new CitizenDomain[count * domains];
        EngagedModePrevious = new sbyte[count];
        PeerInvited = new bool[count];
    }

    /// <summary>Number of citizens.</summary>
    public int Count { get; }

    /// <summary>Number of service domains.</summary>
    public int Domains { get; }

    /// <summary>Each citizen's attributes and state, by citizen id.</summary>
    public Citizen[] State { get; }

    /// <summary>Each citizen's skill, need and well-being per domain, at <c>i * Domains + d</c>.</summary>
    public CitizenDomain[] ByDomain { get; }

    /// <summary>Mode taken up last month, or -1: what contacts see (double-buffered, so reads are race-free).</summary>
    public sbyte[] EngagedModePrevious { get; }

    /// <summary>Invited by a contact last month (word of mouth, delivered as a message).</summary>
    public bool[] PeerInvited { get; }

    /// <summary>The domain records of citizen <paramref name="i"/>.</summary>
    public Span<CitizenDomain> DomainsOf(int i) => ByDomain.AsSpan(i * Domains, Domains);

    /// <summary>Bytes of state per citizen, network excluded.</summary>
    public int BytesPerCitizen => StateBytes(Domains);

    /// <summary>
    /// Bytes of state per citizen with <paramref name="domains"/> domains, network excluded: the record, the two dense
    /// bytes and a record per domain. What memory estimates count, so they follow the layout.
    /// </summary>
    public static int StateBytes(int domains) => Unsafe.SizeOf<Citizen>() + sizeof(sbyte) + sizeof(bool) + domains * Unsafe.SizeOf<CitizenDomain>();
}

/// <summary>
/// One citizen's attributes (fixed at synthesis) and state (written by the decide phase: the month's engagement;
/// by the outcomes phase: the rest). Fields, not properties, so a phase updates them in place through a reference.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Citizen
{
    /// <summary>Neighbourhood of residence.</summary>
    public int Neighbourhood;

    /// <summary>The month the citizen last co-produced (a large negative number when never).</summary>
    public int LastEngaged;

    /// <summary>Hours a month available for co-production, after work and caring.</summary>
    public float AvailableHours;

    /// <summary>Hours a month of unpaid care given (0 for non-carers).</summary>
    public float CaringLoad;

    /// <summary>Self-efficacy, 0..1.</summary>
    public float Efficacy;

    /// <summary>Trust in public bodies, 0..1.</summary>
    public float Trust;

    /// <summary>Warm glow (intrinsic motivation), 0..1.</summary>
    public float WarmGlow;

    /// <summary>Risk behaviour, 0..1: drives incidence and need.</summary>
    public float Risk;

    /// <summary>Fatigue B.</summary>
    public float Fatigue;

    /// <summary>Individual fatigue at which this citizen burns out.</summary>
    public float BurnoutThreshold;

    /// <summary>Active co-production hours given this month.</summary>
    public float Hours;

    /// <summary>
    /// Co-production experience, 0..1: a moving average of months spent co-delivering (co-managing or co-performing) or
    /// co-designing. Experienced co-producers hold regular roles and give more hours (the civic core).
    /// </summary>
    public float Experience;

    /// <summary>
    /// Self-management, 0..1: a moving average of months spent co-performing (the citizen's own contribution to their
    /// services). Those who have learnt it get more out of the services they receive (Kennedy et al. 2007).
    /// </summary>
    public float SelfManagement;

    /// <summary>What the citizen expects of services: the share of need met, times its fit, that they have come to expect.</summary>
    public float Expectation;

    /// <summary>Co-production hours over about the last year (a twelve-month exponential sum).</summary>
    public float HoursYear;

    /// <summary>Household income quintile, 0 (poorest fifth) to 4; outputs name them 1 to 5.</summary>
    public byte Quintile;

    /// <summary>Behavioural type (Fischbacher et al. 2001).</summary>
    public BehaviouralType Type;

    /// <summary>Aged 65 or over.</summary>
    public bool Older;

    /// <summary>Woman.</summary>
    public bool Female;

    /// <summary>Burnt out: no co-production until fatigue falls below half the threshold.</summary>
    public bool BurntOut;

    /// <summary>Mode taken up this month (<see cref="Mode"/>), or -1 when not engaged.</summary>
    public sbyte EngagedMode;

    /// <summary>Domain co-produced in this month (meaningful when engaged).</summary>
    public byte EngagedDomain;
}

/// <summary>One citizen's skill, need and well-being in one domain.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct CitizenDomain
{
    /// <summary>Skill, 0..1.</summary>
    public float Skill;

    /// <summary>Need before the effect of risk behaviour, 0..1.</summary>
    public float NeedBase;

    /// <summary>Need, 0..1.</summary>
    public float Need;

    /// <summary>Well-being, 0..1.</summary>
    public float Wellbeing;
}
