namespace CoProdSim.Model.Parameters;

/// <summary>The Four Co's (Bovaird &amp; Löffler): the engagement modes a citizen can take up. Values index arrays.</summary>
public enum Mode
{
    /// <summary>Co-commissioning: co-planning, co-prioritisation (participatory budgeting), co-financing.</summary>
    CoCommissioning = 0,
    /// <summary>Co-design: raises the fit of services to need.</summary>
    CoDesign = 1,
    /// <summary>Co-delivery: co-managing and co-performing; hours enter the production function.</summary>
    CoDelivery = 2,
    /// <summary>Co-assessment: co-monitoring and co-evaluation; transparency, trust, no quality drift.</summary>
    CoAssessment = 3,
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
    /// <summary>Snake-case names of the modes, in <see cref="Mode"/> order.</summary>
    public static readonly string[] Modes = ["co_commissioning", "co_design", "co_delivery", "co_assessment"];
}
