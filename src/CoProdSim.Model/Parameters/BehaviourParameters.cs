namespace CoProdSim.Model.Parameters;

/// <summary>Coefficients of citizens' behaviour (docs/odd.md, sections 7.2 to 7.7), under <c>behaviour:</c>.</summary>
public static class BehaviourParameters
{
    /// <summary>The section.</summary>
    public static readonly ParameterSection Section = new("behaviour");

    // Engagement logit (7.2). Signs follow Parrado et al. (2013); magnitudes are calibrated so that monthly
    // participation under the active presets sits around the Community Life Survey's 16% (formal, at least monthly).
    private const string Calibrated = "calibrated to monthly participation of about 16% (Community Life Survey 2021/22); sign from Parrado et al. 2013";

    public static readonly RealParameter Intercept = Section.Real("intercept", -5.1, -20, 20, "logit",
        "Intercept of the engagement logit.", "calibrated to monthly participation of about 16% (Community Life Survey 2021/22)");

    public static readonly RealParameter Efficacy = Section.Real("efficacy", 1.5, -20, 20, "logit",
        "Weight of self-efficacy (the strongest predictor).", Calibrated);

    public static readonly RealParameter NeedGap = Section.Real("need_gap", 0.5, -20, 20, "logit",
        "Weight of unmet need (need minus well-being).", Calibrated);

    public static readonly RealParameter Invitation = Section.Real("invitation", 1.6, -20, 20, "logit",
        "Weight of being invited.", Calibrated);

    public static readonly RealParameter Trust = Section.Real("trust", 1.0, -20, 20, "logit",
        "Weight of trust in public bodies.", "assumption");

    public static readonly RealParameter WarmGlow = Section.Real("warm_glow", 1.2, -20, 20, "logit",
        "Weight of warm glow (motivation).", "assumption");

    public static readonly RealParameter Peer = Section.Real("peer", 1.0, -20, 20, "logit",
        "Weight of the share of contacts engaged last month.", "assumption");

    public static readonly RealParameter OpportunityCost = Section.Real("opportunity_cost", 1.0, -20, 20, "logit",
        "Weight of the opportunity cost of time.", "assumption");

    public static readonly RealParameter Fatigue = Section.Real("fatigue", 2.0, -20, 20, "logit",
        "Weight of fatigue.", "assumption");

    public static readonly RealParameter Crowding = Section.Real("crowding", 1.5, -20, 20, "logit",
        "Weight of public provision relative to baseline (crowding out).", "assumption");

    public static readonly RealParameter Effectiveness = Section.Real("effectiveness", 2.0, -20, 20, "logit",
        "Weight of the log marginal product of citizen input (crowding in with complements).", "mechanism from Jakobsen & Andersen 2013; value an assumption");

    public static readonly RealParameter Habit = Section.Real("habit", 7.0, -20, 20, "logit",
        "Weight of having co-produced last month (volunteering is a habit).",
        "calibrated to the ratio of monthly to yearly formal volunteering, about 0.6 (Community Life Survey 2013/14-2021/22)");

    public static readonly RealParameter CampaignEffect = Section.Real("campaign_effect", 0.35, -20, 20, "logit",
        "Rise of the engagement logit at full awareness of a social-marketing campaign.",
        "mediated campaigns change the behaviour of about 5% of those exposed (Snyder et al. 2004, meta-analysis, r = 0.09): 0.35 logit at 16% taking part");

    public static readonly RealParameter CampaignDecay = Section.Real("campaign_decay", 0.1, 0, 1, "per month",
        "Monthly fall of residents' awareness of a campaign that is no longer renewed.", "assumption: campaign effects fade once they stop (Snyder et al. 2004); rate an assumption");

    public static readonly RealParameter Female = Section.Real("female", 0.2, -20, 20, "logit",
        "Logit shift for women.", Calibrated);

    public static readonly RealParameter Older = Section.Real("older", 0.3, -20, 20, "logit",
        "Logit shift for people aged 65 and over.", Calibrated);

    public static readonly RealParameter AreaOpportunity = Section.Real("area_opportunity", 0.25, -20, 20, "logit",
        "Fall of the engagement logit from the least to the most deprived neighbourhood (centred on the middle one, so the town's mean is unchanged): fewer local groups to join and more barriers to taking part where deprivation is high.",
        "mechanism: neighbourhood voluntary organisations per head fall with deprivation (Clifford 2012, Environment and Planning A 44(5); Mohan 2011, TSRC working paper 62), and non-volunteers in the most deprived areas more often fear being out of pocket (17% against 10%) or name health or caring (16% against 11%) (NCVO Time Well Spent 2019); size calibrated to the least- over most-deprived ratio of 1.4-2.1 (Community Life Survey 2016/17; Scottish Household Survey 2019; docs/validation.md fact 6)");

    // Hours (7.3): conditional contribution profiles fitted with endowment 20.
    private const string Profiles = "Jonsson & Jonsson 2025, fitted profiles with endowment 20";

    public static readonly RealParameter ConditionalA = Section.Real("conditional_a", 2.06, 0, 200, "hours/month",
        "Conditional cooperators' intercept.", Profiles);

    public static readonly RealParameter ConditionalB = Section.Real("conditional_b", 0.83, 0, 2, "",
        "Conditional cooperators' slope on others' mean.", Profiles);

    public static readonly RealParameter UnconditionalA = Section.Real("unconditional_a", 16.2, 0, 200, "hours/month",
        "Unconditional cooperators' intercept.", Profiles);

    public static readonly RealParameter UnconditionalB = Section.Real("unconditional_b", 0.04, 0, 2, "",
        "Unconditional cooperators' slope.", Profiles);

    public static readonly RealParameter FreeRiderA = Section.Real("free_rider_a", 1.41, 0, 200, "hours/month",
        "Free riders' intercept.", Profiles);

    public static readonly RealParameter FreeRiderB = Section.Real("free_rider_b", 0.25, 0, 2, "",
        "Free riders' slope.", Profiles);

    public static readonly RealParameter CommitmentHours = Section.Real("commitment_hours", 0.5, 0, 10, "",
        "Relative rise of an experienced co-producer's hours: one who has co-produced for about a year holds a regular role and gives (1 + this) times the hours of their profile.",
        "direction: the civic core volunteers both more often and for more hours (Mohan & Bulloch 2012); size calibrated to about 100 hours a year per formal volunteer (Citizenship Survey 2001)");

    public static readonly RealParameter InitialExpectedHours = Section.Real("initial_expected_hours", 10, 0, 200, "hours/month",
        "What citizens expect others to give before anyone has.", "first-round contributions of about half the endowment (Fischbacher et al. 2001)");

    public static readonly RealParameter RecognitionSlope = Section.Real("recognition_slope", 0.2, 0, 2, "",
        "Slope added to conditional profiles by full recognition (felt reciprocity).", "assumption");

    public static readonly RealParameter RecognitionHours = Section.Real("recognition_hours", 2.0, 0, 200, "hours/month",
        "Hours added to conditional profiles' intercept by full recognition (a social reward).", "assumption");

    public static readonly RealParameter WarmGlowDecay = Section.Real("warm_glow_decay", 0.04, 0, 1, "per month",
        "Decay of an engaged, unrecognised citizen's warm glow.", "assumption");

    public static readonly RealParameter WarmGlowGain = Section.Real("warm_glow_gain", 0.05, 0, 1, "per month",
        "Gain of warm glow under full recognition.", "assumption");

    // Fatigue and burnout (7.7).

    public static readonly RealParameter SustainableHours = Section.Real("sustainable_hours", 80, 0, 1000, "hours/month",
        "Caring plus co-production sustainable without fatigue.", "about 19 hours a week, the Census 2021's lowest band of caring", minExclusive: true);

    public static readonly RealParameter FatigueGain = Section.Real("fatigue_gain", 0.05, 0, 10, "",
        "Fatigue per sustainable-hours' worth of excess load (k_B).", "assumption");

    public static readonly RealParameter FatigueRecovery = Section.Real("fatigue_recovery", 0.1, 0, 1, "per month",
        "Recovery rate of fatigue (r_B).", "assumption");

    public static readonly RealParameter CaringTurnover = Section.Real("caring_turnover", 0.03, 0, 1, "probability/month",
        "Monthly probability that a carer's caring spell ends and another begins (the role passes to a new spell, with the same load, that starts rested).",
        "about 6,000 people a day take on a caring role (Carers UK), a third of the UK's 6.5 million carers a year, with as many stopping: 0.03 a month");

    public static readonly RealParameter BurnoutThreshold = Section.Real("burnout_threshold", 1.0, 0, 100, "",
        "Mean fatigue at which a citizen burns out (individual thresholds vary, sd 15%).", "assumption", minExclusive: true);

    // Trust (7.7): lost about three times faster than it is built.

    public static readonly RealParameter TrustGain = Section.Real("trust_gain", 0.10, 0, 1, "per month",
        "Trust gain rate for positive signals.", "asymmetry qualitative from Slovic 1993; rates an assumption");

    public static readonly RealParameter TrustLoss = Section.Real("trust_loss", 0.30, 0, 1, "per month",
        "Trust loss rate for negative signals.", "asymmetry qualitative from Slovic 1993; rates an assumption");

    // Outcomes (7.6).

    public static readonly RealParameter Adjustment = Section.Real("adjustment", 0.2, 0, 1, "per month",
        "Rate at which well-being moves toward what services deliver.", "assumption", minExclusive: true);

    public static readonly RealParameter Decay = Section.Real("decay", 0.02, 0, 1, "per month",
        "Decay of well-being (delta).", "assumption");

    public static readonly RealParameter HalfSaturation = Section.Real("half_saturation", 0.6, 0, 100, "",
        "K: service output per unit of need at which half of a citizen's need is met.", "assumption", minExclusive: true);

    public static readonly RealParameter OwnBenefit = Section.Real("own_benefit", 1.0, 0, 10, "",
        "Extra service output a citizen of average skill who has learnt self-management by co-performing for about a year draws from the services they receive.",
        "calibrated to the Expert Patients Programme trial: +0.02 QALY per participant over six months (Kennedy et al. 2007; Richardson et al. 2008)");

    public static readonly RealParameter Prevention = Section.Real("prevention", 0.005, 0, 1, "per month",
        "Monthly fall of a co-producer's risk behaviour.",
        "assumption: cohort studies find health benefits of volunteering (mortality RR 0.78) that trials do not confirm (Jenkinson et al. 2013)");

    public static readonly RealParameter CaringStrain = Section.Real("caring_strain", 0.05, 0, 1, "well-being per full-time load",
        "Well-being target lost by a carer per 160 hours a month of caring (twice the sustainable load): caring harms health in proportion to its hours.",
        "carers' health worsens with hours of care (ONS 2024; 2.4-3.2 times the odds of not-good health at 50+ hours, Census 2011); size an assumption");

    public static readonly RealParameter Deterioration = Section.Real("deterioration", 0.02, 0, 1, "per month",
        "Rise of need a month per unit share of a citizen's assessed need left unmet (waiting makes need worse and brings demand back).",
        "assumption; failure and repeat demand: 30% of audited police demand (Walley & Jennison-Phillips 2021)");

    public static readonly RealParameter RepeatDemand = Section.Real("repeat_demand", 0.3, 0, 1, "share",
        "Share of last month's unmet demand that comes back as demand this month (waiting lists).",
        "failure and repeat demand: 30% of audited police demand (Walley & Jennison-Phillips 2021)");

    public static readonly RealParameter ReplacementShare = Section.Real("replacement_share", 0.11, 0, 1, "share",
        "Share of a burnt-out carer's caring hours that paid care takes over.",
        "1 in 9 carers' breakdowns led to emergency hospital or social care (Carers UK 2014); as a share of hours an assumption");

    public static readonly RealParameter UtilityAtZero = Section.Real("utility_at_zero", 0.3, 0, 1, "QALY weight",
        "Health-related quality of life (QALY weight) of a citizen with well-being 0; well-being 1 is full health (1).", "assumption");

    public static readonly RealParameter ExpectationAdaptation = Section.Real("expectation_adaptation", 0.05, 0, 1, "per month",
        "Rate at which citizens' expectations of services move toward what they get.", "assumption");

    public static readonly RealParameter PerceptionRate = Section.Real("perception_rate", 1.0 / 12, 0, 1, "per month",
        "Rate at which what residents perceive of their services moves toward what they get (news of a change reaches them through use and word of mouth).",
        "assumption; most residents did not notice years of cuts (Ipsos MORI 2014: 63%; PwC 2014: about half unaware of any reduction)", minExclusive: true);

    public static readonly RealParameter NoticeableChange = Section.Real("noticeable_change", 0.1, 0, 1, "share of the service expected",
        "Just-noticeable shortfall or gain of service, as a share of what the citizen expected: differences below it are not news; beyond it they count in the trust signal.",
        "assumption: Weber fractions for magnitudes such as durations and quantities are about 0.05-0.2", minExclusive: true);

    public static readonly RealParameter ComplianceTrust = Section.Real("compliance_trust", 0.5, 0, 10, "",
        "Rise of everyday co-production (compliance, self-care) per unit of mean trust above its starting level.",
        "citizens as critical success factors (Bovaird & Löffler 2012); size an assumption");

    public static readonly RealParameter SupportGain = Section.Real("support_gain", 1.0, 0, 10, "",
        "Largest rise of an hour of co-delivery's effect from professional support, at full openness.",
        "resources raise co-production (Jakobsen 2013 field experiment); size an assumption");

    public static readonly RealParameter SupportScale = Section.Real("support_scale", 0.1, 0, 100, "support hours per co-delivery hour",
        "Professional support per hour of co-delivery at which support gives 63% of its largest gain (diminishing returns).",
        "assumption", minExclusive: true);

    public static readonly RealParameter OpennessLearning = Section.Real("openness_learning", 0.05, 0, 1, "per month",
        "Rate at which professionals' openness moves toward what they experience of co-production.", "assumption");

    public static readonly RealParameter OpennessReference = Section.Real("openness_reference", 0.1, 0, 1, "share of residents",
        "Share of residents co-producing at which professionals' experience of co-production is full.", "assumption", minExclusive: true);

    public static readonly RealParameter ShadowWage = Section.Real("shadow_wage", 25, 0, 1000, "GBP/hour",
        "Value of an hour of citizens' time.", "replacement cost of unpaid care, England and Wales 2021 (Petrillo & Bennett 2023)");

    // Community groups, service fit, word of mouth (7.3 to 7.5).

    public static readonly RealParameter GroupThreshold = Section.Real("group_threshold", 0.03, 0, 1, "share of residents",
        "Share of residents co-managing in a domain at which a community group forms (its committed members); it dissolves below half of it.", "assumption", minExclusive: true);

    public static readonly RealParameter GroupBonus = Section.Real("group_bonus", 0.3, 0, 10, "",
        "Extra output of group members' hours (collective efficiency), before grant support.", "assumption");

    public static readonly RealParameter GovernanceShare = Section.Real("governance_share", 0.3, 0, 1, "share of hours",
        "Share of co-managers' hours that goes to running their organisation (meetings, accounts, compliance, recruiting) rather than to the service.",
        "assumption: tenant management organisations and groups that took over community assets report governance as a heavy, often under-estimated load on a few committed members (Cairncross et al. 2002, ODPM 'Tenants managing'; Aiken et al. 2011, JRF); share not measured");

    public static readonly RealParameter ChoiceFit = Section.Real("choice_fit", 0.3, 0, 1, "share of misfit",
        "Share of the misfit of services (1 - fit) that choice removes for a citizen under 65 who takes up a personal budget; older people gain none.",
        "direction: personal budgets gave better outcomes for some groups (mental health service users: quality of life) and not for older people, who reported lower psychological well-being (IBSEN evaluation, Glendinning et al. 2008); size an assumption");

    public static readonly RealParameter ChoiceAdmin = Section.Real("choice_admin", 0.1, 0, 10, "share of hour cost",
        "Extra cost of an hour of service taken as a personal budget (support planning, brokerage, monitoring), as a share of the cost of a professional hour; it comes out of the service money.",
        "assumption: personal budgets cost about as much as conventional services or somewhat more, the difference being the process (IBSEN, Glendinning et al. 2008)");

    public static readonly RealParameter CommunityShare = Section.Real("community_share", 0.5, 0, 1, "share",
        "Share of the engagements the public body did not prompt (no invitation from it this month, no role in its services last month) that go to self-organised community activity rather than to the body's modes; where the body opens no mode, all engagement does. 0: no community activity.",
        "assumption: most formal volunteering is through voluntary and community groups rather than public bodies (NCVO Time Well Spent 2019), and it exists whatever the council does (Kretzmann & McKnight 1993)");

    public static readonly RealParameter PeerRecruitment = Section.Real("peer_recruitment", 0.05, 0, 1, "probability/month",
        "Probability that an engaged citizen invites a contact.", "assumption");

    public static readonly RealParameter InitialFit = Section.Real("initial_fit", 0.7, 0, 1, "0..1",
        "Fit of services to need before any co-design.", "assumption", minExclusive: true);

    public static readonly RealParameter CoDesignEffect = Section.Real("co_design_effect", 0.2, 0, 1, "per month",
        "Rise of fit toward 1 at full, representative co-design.", "assumption");

    public static readonly RealParameter QualityDrift = Section.Real("quality_drift", 0.05, 0, 1, "per month",
        "Drift of fit back to its initial value, stopped by co-assessment.", "assumption");
}
