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

/// <summary>
/// What citizens make of their services (docs/odd.md 7.7): trust follows the service a citizen gets against what they
/// expected (outcome), and how they were treated (process: recognition, transparency, and being asked to give more
/// while getting less). Expectations adapt, so a lasting change is noticed and then becomes the norm.
/// </summary>
public static class Perception
{
    /// <summary>
    /// The trust signal of a citizen whose service coverage is <paramref name="experienced"/> against
    /// <paramref name="expected"/>: the difference beyond a noticeable change, plus transparency through
    /// co-assessment; for the engaged, recognition, and exploitation when a shortfall meets an unthanked contribution.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Signal(double experienced, double expected, double noticeable, double transparency, bool engaged, double recognition)
    {
        // Disconfirmation is relative: a shortfall counts as a share of what the citizen expected, beyond a
        // just-noticeable share (small differences, such as month-to-month variation of one's own need, are not news
        // about services). A signal of -1 is losing the whole service expected.
        double gap = expected > 0 ? experienced / expected - 1 : 0;
        double size = Math.Min(1, Math.Max(0, Math.Abs(gap) - noticeable));
        double outcome = gap > 0 ? size : gap < 0 ? -size : 0;  // sign(gap) x size, without Math.Sign's call (it is not inlined)
        double s = outcome + Coefficients.TransparencySignal * transparency;
        if (engaged)
            s += Coefficients.RecognitionSignal * recognition - Coefficients.ExploitationSignal * Math.Max(0, -outcome) * (1 - recognition);
        return s;
    }

    /// <summary>Expectation after a month: it moves toward what the citizen got.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Expectation(double expected, double experienced, double adaptation) => expected + adaptation * (experienced - expected);
}
