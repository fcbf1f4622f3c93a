namespace CoProdSim.Model.Parameters;

/// <summary>
/// What an engaged citizen does in a month: the Four Co's of Bovaird &amp; Löffler, with co-delivery in its two
/// sub-types (co-managing and co-performing: Bovaird &amp; Löffler 2012; Brandsen &amp; Honingh 2016). Values index arrays
/// and are stored per citizen.
/// </summary>
public enum Mode
{
    /// <summary>Co-commissioning: co-planning, co-prioritisation (participatory budgeting), co-financing.</summary>
    CoCommissioning = 0,
    /// <summary>Co-design: raises the fit of services to need.</summary>
    CoDesign = 1,
    /// <summary>Co-delivery by co-managing: citizens run part of their neighbourhood's service alongside professionals (community-run centres, tenant management); their hours take over professional hours.</summary>
    CoManaging = 2,
    /// <summary>Co-assessment: co-monitoring and co-evaluation; transparency, trust, no quality drift.</summary>
    CoAssessment = 3,
    /// <summary>Co-delivery by co-performing: citizens' own contribution to the service they receive (self-management, following a care plan).</summary>
    CoPerforming = 4,
    /// <summary>
    /// Self-organised community activity (residents' associations, clubs, neighbourhood watch, litter picks, befriending):
    /// exists under any strategy, traditional provision included; the public body neither invites nor runs it.
    /// </summary>
    Community = 5,
}

/// <summary>Behavioural types of Fischbacher, Gächter &amp; Fehr (2001).</summary>
public enum BehaviouralType : byte
{
    /// <summary>Give more when others give more, with a slope below one.</summary>
    ConditionalCooperator = 0,
    /// <summary>Give little whatever others do.</summary>
    FreeRider = 1,
    /// <summary>Give a lot whatever others do.</summary>
    UnconditionalCooperator = 2,
}

/// <summary>Who invitations reach first.</summary>
public enum Targeting
{
    /// <summary>Everyone equally.</summary>
    Universal,
    /// <summary>Outreach to the most deprived income quintiles first.</summary>
    DeprivedFirst,
}

/// <summary>How a public body splits its service budget over neighbourhoods.</summary>
public enum Allocation
{
    /// <summary>In proportion to residents.</summary>
    Population,
    /// <summary>In proportion to residents times the need the body perceives there.</summary>
    Need,
}

/// <summary>Names used in files and columns.</summary>
public static class Names
{
    /// <summary>
    /// Snake-case names of the mode weights a strategy sets (<c>modes.NAME</c>) and of the participation columns
    /// (<c>participation_NAME</c>). <c>co_delivery</c> is co-delivery with its two sub-types in equal parts: its weight
    /// goes half to <c>co_managing</c>, half to <c>co_performing</c>, and its participation column is theirs summed.
    /// </summary>
    public static readonly string[] Modes = ["co_commissioning", "co_design", "co_delivery", "co_assessment", "co_managing", "co_performing"];

    /// <summary>Snake-case names of what an engaged citizen does, in <see cref="Mode"/> order.</summary>
    public static readonly string[] Activities = ["co_commissioning", "co_design", "co_managing", "co_assessment", "co_performing", "community"];
}
