using System.Runtime.CompilerServices;

namespace CoProdSim.Model.Behaviour;

/// <summary>
/// Asymmetric trust updating (docs/odd.md 7.7): for a signal s in [-1, 1],
/// s &gt; 0: dT = gain * s * (1 - T); s &lt; 0: dT = loss * s * T. With gain 0.10 and loss 0.30, trust is lost
/// about three times faster than it is built ("trust arrives on foot and leaves on horseback").
/// </summary>
public static class Trust
{
    /// <summary>Trust after a signal <paramref name="signal"/> (clamped to [-1, 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Update(double trust, double signal, double gain, double loss)
    {
        double s = Math.Clamp(signal, -1, 1);
        double t = s >= 0 ? trust + gain * s * (1 - trust) : trust + loss * s * trust;
        return Math.Clamp(t, 0, 1);
    }
}

/// <summary>
/// Fatigue of carers and co-producers (docs/odd.md 7.7):
/// <c>B += k_B max(0, hours + caring load - sustainable) / sustainable - r_B B - k_B respite / sustainable</c>.
/// Load and respite are in hours a month, scaled by the sustainable load so k_B is dimensionless.
/// </summary>
public static class Fatigue
{
    /// <summary>Fatigue after one month.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Update(double fatigue, double hours, double caringLoad, double respiteHours, double sustainable, double gain, double recovery)
    {
        double excess = Math.Max(0, hours + caringLoad - sustainable);
        double b = fatigue + gain * excess / sustainable - recovery * fatigue - gain * respiteHours / sustainable;
        return Math.Max(0, b);
    }

    /// <summary>
    /// Whether a citizen is burnt out after reaching fatigue <paramref name="fatigue"/>: burnout starts at their
    /// threshold and lasts until fatigue falls below <see cref="Coefficients.RecoveryShare"/> of it (hysteresis).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BurntOut(bool wasBurntOut, double fatigue, double threshold) =>
        wasBurntOut ? !(fatigue < Coefficients.RecoveryShare * threshold) : fatigue >= threshold;
}

/// <summary>How citizens perceive changes of their services (docs/odd.md 7.7).</summary>
public static class Perception
{
    /// <summary>
    /// How a relative change of service output is perceived: changes under 2% go unnoticed (a perception threshold,
    /// so month-to-month noise does not ratchet trust down through the loss asymmetry); larger ones count in full
    /// from 12% on.
    /// </summary>
    public static double Perceived(double change)
    {
        double magnitude = Math.Max(0, Math.Abs(change) - Coefficients.PerceptionThreshold) / Coefficients.PerceptionSpan;
        return Math.Sign(change) * Math.Min(1, magnitude);
    }

    /// <summary>The part of every resident's trust signal that comes from services: their perceived change, and transparency through co-assessment.</summary>
    public static double ServiceSignal(double outputChange, double coAssessmentStrength) =>
        Coefficients.ServiceChangeSignal * Perceived(outputChange) + Coefficients.TransparencySignal * coAssessmentStrength;

    /// <summary>What an engaged citizen adds to the trust signal: recognition, and perceived exploitation when asked to fill the gap of a cut unthanked.</summary>
    public static double EngagedSignal(double recognition, double cut) =>
        Coefficients.RecognitionSignal * recognition - Coefficients.ExploitationSignal * cut * (1 - recognition);
}
