using System.Runtime.CompilerServices;

namespace CoProdSim.Model.Behaviour;

/// <summary>
/// Well-being and need (docs/odd.md 7.6). The same functions give the dynamics and the initial state (section 5),
/// so "citizens start at the steady state" holds by construction.
/// </summary>
public static class Wellbeing
{
    /// <summary>Monthly probability of a harmful event in a domain of incidence <paramref name="incidence"/> at risk behaviour <paramref name="risk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double EventRate(double incidence, double risk) => EventsPerRisk(incidence) * risk;

    /// <summary>
    /// The event rate per unit of risk behaviour in a domain of incidence <paramref name="incidence"/>: a constant of
    /// the domain, which the outcomes phase works out once (<c>EventRate = EventsPerRisk x risk</c>, the same product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double EventsPerRisk(double incidence) => incidence * Coefficients.RiskToEvents;

    /// <summary>Need toward which need relaxes, given risk behaviour: risk 0.5 leaves the base need unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NeedAtRisk(double needBase, double risk) => NeedAtRiskFactor(needBase, RiskFactor(risk));

    /// <summary>What risk behaviour multiplies base need by: the same for every domain, so worked out once per citizen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RiskFactor(double risk) => Coefficients.NeedAtNoRisk + Coefficients.NeedPerRisk * risk;

    /// <summary><see cref="NeedAtRisk"/> from the citizen's <see cref="RiskFactor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NeedAtRiskFactor(double needBase, double riskFactor) => Math.Clamp(needBase * riskFactor, 0, 1);

    /// <summary>
    /// Expected need under harmful events at <paramref name="eventRate"/> (each adds <see cref="Coefficients.HarmToNeed"/>)
    /// and a monthly rise <paramref name="worsening"/> from waiting, relaxing at <see cref="Coefficients.NeedAdjustment"/> a month.
    /// </summary>
    public static double ExpectedNeed(double needBase, double risk, double eventRate, double worsening = 0) =>
        Math.Clamp(NeedAtRisk(needBase, risk) + (Coefficients.HarmToNeed * eventRate + worsening) / Coefficients.NeedAdjustment, 0, 1);

    /// <summary>Coverage of need by delivered service output: <c>Q / (Q + K need)</c>, half met when Q = K need.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Coverage(double delivered, double need, double halfSaturation) => delivered / (delivered + halfSaturation * need);

    /// <summary>
    /// The expected steady state of <c>w += lambda (coverage - harm - w) - delta w</c> with harmful events at
    /// <paramref name="eventRate"/>: <c>(lambda (coverage - harm) - harm rate) / (lambda + delta)</c>, where
    /// <paramref name="harm"/> is what burnout and caring take off the target.
    /// </summary>
    public static double SteadyState(double delivered, double need, double eventRate, double adjustment, double decay, double halfSaturation, double harm = 0) =>
        Math.Clamp((adjustment * (Coverage(delivered, need, halfSaturation) - harm) - Coefficients.HarmToWellbeing * eventRate) / (adjustment + decay), 0, 1);
}
