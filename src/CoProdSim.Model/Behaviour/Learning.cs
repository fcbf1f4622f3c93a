using System.Runtime.CompilerServices;

namespace CoProdSim.Model.Behaviour;

/// <summary>How citizens' efficacy, motivation and experience change with what they do and meet (docs/odd.md 7.6, 7.7).</summary>
public static class Learning
{
    /// <summary>Efficacy after a month of co-production: a step toward 1 when the neighbourhood's output did not fall, toward 0 when it fell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Efficacy(double efficacy, bool succeeded) =>
        succeeded ? efficacy + Coefficients.EfficacyStep * (1 - efficacy) : efficacy - Coefficients.EfficacyStep * efficacy;

    /// <summary>Warm glow of an engaged citizen: recognition feeds it, its absence erodes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double WarmGlow(double glow, double recognition, double gain, double decay) =>
        Math.Clamp(glow + recognition * gain * (1 - glow) - decay * (1 - recognition) * glow, 0, 1);

    /// <summary>Experience builds over about a year of co-delivering or co-designing, and fades as slowly (stored in single precision, as citizens' state is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Experience(float experience, bool coProduced) =>
        experience + Coefficients.ExperienceRate * ((coProduced ? 1 : 0) - experience);

    /// <summary>Co-production hours over about the last year: a twelve-month exponential sum (exactly 12 x the hours when they are steady).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double YearlyHours(double yearly, double hours) => yearly + hours - yearly / Coefficients.Year;

    /// <summary>Risk behaviour after a month of co-production (prevention: co-producers' own risk falls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Prevented(double risk, double prevention) => risk - prevention * risk;
}
