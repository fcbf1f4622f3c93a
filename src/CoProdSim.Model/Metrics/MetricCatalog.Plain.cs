namespace CoProdSim.Model.Metrics;

/// <summary>Which way a metric is better: up, down, or neither (a description, not a goal).</summary>
public enum Better
{
    /// <summary>Neither: more is not in itself better or worse (hours given, participation by mode).</summary>
    Neither,
    /// <summary>More is better (outcome, trust, need met).</summary>
    Higher,
    /// <summary>Less is better (cost, gap, burnout).</summary>
    Lower,
}

/// <summary>
/// How a metric reads to someone who did not build the model: a short title, which way is better, what one unit of it
/// means, and where it can mislead. Reports, tables and glossaries take their words from here, so a metric is named and
/// explained in one place (beside its unit and meaning in <see cref="MetricCatalog.Describe"/>).
/// </summary>
/// <param name="Title">A short name for a table column or an axis, without the unit.</param>
/// <param name="Better">Which way is better.</param>
/// <param name="OneUnit">What one unit (a point, a pound, a percentage point) of the metric stands for, in plain words.</param>
/// <param name="Caveat">Where the metric can mislead when read alone; empty when it does not.</param>
public sealed record MetricReading(string Title, Better Better, string OneUnit, string Caveat = "");

public static partial class MetricCatalog
{
    private const string RatioCaveat = "It is a ratio to cost: it rises when spending falls faster than outcome, so a strategy that cuts services can look efficient. Read it beside outcome and need met.";

    /// <summary>The plain reading of a metric; for a metric the catalogue does not know (a derived one), its name and unit.</summary>
    public static MetricReading Read(string name) => name switch
    {
        OutcomeIndex => new("Outcome (well-being)", Better.Higher,
            "One point is a hundredth of the way from no well-being (0) to full well-being (100), averaged over every resident and service domain; a difference of 1 point is a change every resident would share, on average."),
        OutcomeGap => new("Gap, richest minus poorest fifth", Better.Lower,
            "The outcome of the richest fifth of residents by income minus that of the poorest fifth, in outcome points; smaller is fairer.",
            "A gap can narrow because the richest fifth loses, not because the poorest gains: read it beside outcome by income quintile."),
        OutcomeGini => new("Inequality of well-being (Gini)", Better.Lower,
            "0 would be everyone equally well, 1 all well-being held by one resident; a change of 0.01 is small, 0.05 large."),
        PublicCost => new("Public cost", Better.Lower,
            "Pounds a month spent by the public bodies on services, co-production support and replacement care, net of user charges and donations."),
        SupportSpend => new("Support for co-production", Better.Neither, "Pounds a month spent on coordination, recognition, respite and grants."),
        CitizenHours => new("Citizens' hours", Better.Neither, "Hours a month residents give to co-production beyond everyday self-help."),
        CitizenValue => new("Value of citizens' hours", Better.Neither,
            "Citizens' hours valued at the shadow wage (what an hour of unpaid care would cost to replace), in pounds a month."),
        EfficiencyPublic => new("Outcome per pound, public", Better.Higher,
            "Outcome points per pound of public cost per resident per month.", RatioCaveat),
        EfficiencyTotal => new("Outcome per pound, with citizens' time", Better.Higher,
            "Outcome points per pound of public cost plus citizens' time (at the shadow wage) per resident per month.", RatioCaveat),
        ParticipationRate => new("Participation", Better.Neither, "Percentage of residents who took part this month, with the council or in community groups of their own."),
        Representativeness => new("Representativeness", Better.Higher, "Participation of the poorest fifth over that of the richest fifth: 1 is representative, below 1 the better-off take part more."),
        BurnoutRate => new("Residents burnt out", Better.Lower, "Percentage of all residents who are burnt out (carers and co-producers above all)."),
        CarerBurnoutRate => new("Carers burnt out", Better.Lower, "Percentage of unpaid carers who are burnt out and cannot keep caring in full."),
        TrustMean => new("Trust in public bodies", Better.Higher, "Mean trust from 0 (none) to 1 (complete); 0.01 is a small change, 0.1 a large one."),
        CommunityGroups => new("Community groups", Better.Neither, "Active community groups (one per neighbourhood and service domain at most)."),
        HoursPerConditionalCooperator => new("Hours per conditional cooperator", Better.Neither, "Mean hours a month of engaged residents who give as much as they see others give."),
        ServiceFit => new("Fit of services to need", Better.Higher, "0 (services miss what people need) to 1 (they fit it fully)."),
        RespiteHours => new("Respite for carers", Better.Neither, "Hours a month of respite care bought for carers."),
        OutcomeCarers => new("Outcome of carers", Better.Higher, "Well-being of unpaid carers, 0-100, as for the outcome."),
        OutcomeNonCarers => new("Outcome of non-carers", Better.Higher, "Well-being of residents who do not care, 0-100, as for the outcome."),
        NeedMet => new("Need met", Better.Higher, "Percentage of residents' assessed need for professional hours that services met this month."),
        WaitingHours => new("Unmet demand", Better.Lower, "Hours of professional help asked for and not given this month."),
        ReplacementCareCost => new("Replacement care", Better.Lower, "Pounds a month of paid care bought because carers burnt out (part of public cost)."),
        ChargesPaid => new("User charges", Better.Neither, "Pounds a month residents paid in charges for services."),
        Donations => new("Donations", Better.Neither, "Pounds a month residents gave to services."),
        UnspentBudget => new("Unspent budget", Better.Neither, "Pounds a month of service budget not needed by demand."),
        TotalCost => new("Total cost, with citizens' time", Better.Lower,
            "Pounds a month: public cost plus charges, donations and citizens' hours at the shadow wage."),
        Qalys => new("QALYs", Better.Higher, "Quality-adjusted life years gained by all residents this month: a year in full health is 1."),
        DiscountedCost => new("Discounted public cost", Better.Lower, "Public cost summed from month 1, later pounds discounted at 3.5% a year."),
        DiscountedQalys => new("Discounted QALYs", Better.Higher, "QALYs summed from month 1, later years discounted at 3.5% a year."),
        ParticipationYear => new("Took part in the last year", Better.Neither, "Percentage of residents who co-produced at least once in the last 12 months."),
        HoursShareTopThird => new("Hours given by the most active third", Better.Neither, "Share of the last year's hours given by the most active third of residents (the civic core)."),
        ProfessionalOpenness => new("Professionals' openness", Better.Higher, "Professionals' openness to co-production, 0 to 1."),
        _ when name.StartsWith("outcome_q", StringComparison.Ordinal) => new($"Outcome, income quintile {name[^1]}", Better.Higher, $"Well-being of income quintile {name[^1]} (1 poorest, 5 richest), 0-100."),
        _ when name.StartsWith("participation_q", StringComparison.Ordinal) => new($"Participation, income quintile {name[^1]}", Better.Neither, $"Percentage of income quintile {name[^1]} who co-produced this month."),
        _ when name.StartsWith("participation_", StringComparison.Ordinal) => new("Participation: " + name["participation_".Length..].Replace('_', ' '), Better.Neither, Describe(name).Meaning),
        _ when name.StartsWith("outcome_", StringComparison.Ordinal) => new("Outcome: " + name["outcome_".Length..].Replace('_', ' '), Better.Higher, Describe(name).Meaning),
        _ => new(name.Replace('_', ' '), Better.Neither, ""),
    };
}
