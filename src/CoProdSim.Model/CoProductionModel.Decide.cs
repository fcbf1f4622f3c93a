using System.Runtime.CompilerServices;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;
using CoProdSim.Model.Services;
using static CoProdSim.Model.Behaviour.Coefficients;

namespace CoProdSim.Model;

/// <summary>
/// The decide phase (docs/odd.md 7.2, 7.3): citizens decide whether to engage, in which mode and domain, and how
/// many hours; engaged citizens may invite a contact. Writes the month's engagement of <see cref="Citizens"/> and
/// <see cref="DecisionTallies"/>.
/// </summary>
public sealed partial class CoProductionModel
{
    // Compiled fully optimised at its first call, not through tiering: this loop runs once per partition a tick, so
    // its first ticks would run unoptimised code and then on-stack-replacement code; measured, it is also as fast as
    // or faster than the tiered code (docs/performance.md, "Layout and the hot loops").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decide(in TickContext tick, PartitionRange range)
    {
        DecisionTallies t = _decisions;
        Span<double> row = t.Sums.Row(range.Partition);
        row.Clear();
        double communityShare = _p.Behaviour[BehaviourParameters.CommunityShare];
        bool councilOpen = _anyModeOpen;
        if (!councilOpen && communityShare <= 0)
        {
            // Nothing open and no community activity: nobody takes part; only the bookkeeping is done.
            foreach (ref Citizen x in _c.State.AsSpan(range.Start, range.Length))
            {
                x.EngagedMode = -1;
                x.Hours = 0;
            }
            Array.Clear(_c.PeerInvited, range.Start, range.Length);
            _bus.Publish(range.Partition);
            return;
        }
        int domains = _d;
        double weightSum = 0;
        int activities = _modeWeights.Length;
        Span<double> cumulative = stackalloc double[activities];
        for (int m = 0; m < activities; m++) cumulative[m] = weightSum += _modeWeights[m];
        ParameterValues s = _levers;
        double recognition = s[StrategyLevers.Recognition], coFinancing = s[StrategyLevers.CoFinancing], recruitment = _p.Behaviour[BehaviourParameters.PeerRecruitment];
        int month = (int)tick.Tick;
        EngagementCoefficients b = _engagement;
        int[] offsets = _network.Offsets, targets = _network.Targets;
        double[] invitation = _plan.InvitationProbability, provision = _plan.Provision, effectiveness = _plan.LogEffectiveness, meanOthers = _services.MeanOthers;
        int cell = t.PerCell, hoodBase = t.HoodBase, perHood = t.PerHood;
        double awareness = _plan.CampaignAwareness;
        double[] areaShift = _areaShift;
        // The hot loop reads a citizen's record through one reference and the few arrays it needs through locals.
        StreamSeed streams = _streams;
        Citizens c = _c;
        Citizen[] state = c.State;
        CitizenDomain[] byDomain = c.ByDomain;
        sbyte[] previousMode = c.EngagedModePrevious;
        bool[] peerInvitedArray = c.PeerInvited;

        for (int i = range.Start; i < range.End; i++)
        {
            ref Citizen ci = ref state[i];
            sbyte mode = -1;
            float given = 0;
            bool peerInvited = peerInvitedArray[i];
            peerInvitedArray[i] = false;
            float time = ci.AvailableHours;
            if (!ci.BurntOut && time >= 1)
            {
                int h = ci.Neighbourhood;
                int q = ci.Quintile;
                var rng = streams.Open(i, tick.Tick, Purposes.Decision);
                bool bodyInvited = rng.NextDouble() < invitation[q];
                double invited = bodyInvited ? 1 : peerInvited ? PeerInvitationStrength : 0;
                ReadOnlySpan<CitizenDomain> own = byDomain.AsSpan(i * domains, domains);
                int best = Engagement.ChooseDomain(own, out double gap);
                int contactsStart = offsets[i], contactsEnd = offsets[i + 1];
                int engagedContacts = 0;
                // Counted without a branch (a mode is -1 or 0..5: shifted right by 7 it is -1 or 0): whether a contact took
                // part has no pattern a branch predictor could learn.
                for (int x = contactsStart; x < contactsEnd; x++) engagedContacts += (previousMode[targets[x]] >> 7) + 1;
                double peerShare = contactsEnd > contactsStart ? (double)engagedContacts / (contactsEnd - contactsStart) : 0;
                int hk = h * domains + best;
                sbyte last = previousMode[i];
                var inputs = new EngagementInputs(
                    ci.Efficacy, gap, invited, ci.Trust, ci.WarmGlow, peerShare,
                    Engagement.OpportunityCost(time), ci.Fatigue, provision[hk], effectiveness[hk * Town.Quintiles + q],
                    last >= 0, ci.Female, ci.Older, awareness, areaShift[h]);
                if (rng.NextDouble() < Engagement.Probability(b, inputs))
                {
                    // What they take up: those who took part last month carry on where they were, in community activity
                    // or in the body's modes; of the others, those the body invited this month take up its modes, and
                    // the rest self-organised community activity with probability community_share, else the body's
                    // modes if it opens any (else they do not take part). One draw decides both.
                    double pick = rng.NextDouble();
                    bool prompted = councilOpen && (bodyInvited || (last >= 0 && last != (sbyte)Mode.Community));
                    if (!prompted && (last == (sbyte)Mode.Community || pick < communityShare)) mode = (sbyte)Mode.Community;
                    else if (councilOpen)
                    {
                        if (!prompted) pick = (pick - communityShare) / (1 - communityShare);
                        pick *= weightSum;
                        int m = 0;
                        while (m < activities - 1 && pick >= cumulative[m]) m++;
                        mode = (sbyte)m;
                    }
                }
                if (mode >= 0)
                {
                    ci.LastEngaged = month;
                    given = (float)Engagement.Hours(b, ci.Type, meanOthers[h], time, recognition, ci.Experience);
                    int a = hk * cell;
                    int o = hoodBase + h * perHood;
                    switch ((Mode)mode)
                    {
                        case Mode.CoManaging:
                            row[a + t.ManagingEffectiveHours] += given * own[best].Skill;
                            row[a + t.ManagingHours] += given;
                            row[a + t.ManagingCount] += 1;
                            break;
                        case Mode.CoPerforming:
                            row[a + t.PerformingEffectiveHours] += given * own[best].Skill;
                            row[a + t.PerformingCount] += 1;
                            break;
                        case Mode.Community:
                            row[a + t.CommunityEffectiveHours] += given * own[best].Skill;
                            row[a + t.CommunityHours] += given;
                            row[a + t.CommunityCount] += 1;
                            break;
                        case Mode.CoDesign:
                            row[a + t.DesignByQuintile + q] += 1;
                            break;
                        case Mode.CoCommissioning:
                            row[a + t.CommissionCount] += 1;
                            row[a + t.ExpressedNeed] += own[best].Need;
                            row[a + t.Donations] += Donation(coFinancing, q);
                            break;
                        default:
                            row[o + t.AssessCount] += 1;
                            break;
                    }
                    row[o + t.EngagedCount] += 1;
                    row[o + t.EngagedHours] += given;
                    // Word of mouth: an engaged citizen may invite one contact, who may live in another partition.
                    if (contactsEnd > contactsStart && rng.NextDouble() < recruitment)
                        _bus.Send(range.Partition, targets[contactsStart + rng.NextInt(contactsEnd - contactsStart)], new PeerInvitation(i));
                }
                ci.EngagedDomain = (byte)best;
            }
            ci.EngagedMode = mode;
            ci.Hours = given;
        }
        _bus.Publish(range.Partition);
    }

    /// <summary>
    /// Community activity that exists before any strategy (docs/odd.md, section 5): who takes part at the start is
    /// drawn from the settled state of the engagement rule under traditional provision, where self-organised community
    /// activity is all there is. For each citizen the chance to join in a month (no habit) and to stay (habit) give the
    /// settled share of a two-state chain, <c>join / (join + 1 - stay)</c>, with the peer share set to the
    /// neighbourhood's mean of that share (two rounds). Members start in their chosen domain with the hours and
    /// experience of a settled member, and their groups and citizen input are produced before well-being is settled.
    /// Returns false when there is no community activity (community_share 0).
    /// </summary>
    private bool SettleCommunityActivity()
    {
        double communityShare = _p.Behaviour[BehaviourParameters.CommunityShare];
        if (communityShare <= 0) return false;
        Citizens c = _c;
        EngagementCoefficients b = _engagement;
        int domains = _d;
        double[] settled = new double[c.Count], stay = new double[c.Count];
        double[] peer = new double[_n];
        // Rounds: the peer share settles over the first two; then what members add to services lowers the worth of
        // one more hour (7.2), and the last two rounds settle again with it.
        for (int round = 0; round < 4; round++)
        {
            if (round == 2)
            {
                DrawCommunityMembers(settled, stay);
                for (int d = 0; d < _d; d++) PerceivedEffectiveness(d);
            }
            double[] sum = new double[_n];
            for (int i = 0; i < c.Count; i++)
            {
                ref readonly Citizen ci = ref c.State[i];
                int h = ci.Neighbourhood;
                settled[i] = stay[i] = 0;
                if (ci.BurntOut || ci.AvailableHours < 1) continue;
                int best = Engagement.ChooseDomain(c.DomainsOf(i), out double gap);
                int hk = h * domains + best;
                var inputs = new EngagementInputs(ci.Efficacy, gap, 0, ci.Trust, ci.WarmGlow, peer[h], Engagement.OpportunityCost(ci.AvailableHours),
                    ci.Fatigue, _plan.Provision[hk], _plan.LogEffectiveness[hk * Town.Quintiles + ci.Quintile], false, ci.Female, ci.Older, 0, _areaShift[h]);
                // Under traditional provision only those who take up community activity take part.
                double join = communityShare * Engagement.Probability(b, inputs);
                stay[i] = Engagement.Probability(b, inputs with { Habitual = true });
                settled[i] = join / Math.Max(1e-12, join + 1 - stay[i]);
                sum[h] += settled[i];
            }
            for (int h = 0; h < _n; h++) peer[h] = sum[h] / Math.Max(1, _town.Population[h]);
        }
        DrawCommunityMembers(settled, stay);
        return true;
    }

    /// <summary>The month a citizen who never took part last took part: long enough ago to count in no year.</summary>
    internal const int NeverEngaged = -1_000_000;

    /// <summary>Draws who takes part in community activity at the start from each citizen's settled share, and produces what they add to services.</summary>
    private void DrawCommunityMembers(double[] settled, double[] stay)
    {
        Citizens c = _c;
        EngagementCoefficients b = _engagement;
        double initialExpected = _p.Behaviour[BehaviourParameters.InitialExpectedHours];
        int domains = _d;
        DecisionTallies t = _decisions;
        t.Sums.Clear();
        Span<double> row = t.Sums.Row(0);
        for (int i = 0; i < c.Count; i++)
        {
            ref Citizen ci = ref c.State[i];
            ci.EngagedMode = c.EngagedModePrevious[i] = -1;
            ci.Hours = ci.Experience = ci.HoursYear = 0;
            ci.LastEngaged = NeverEngaged;
            if (settled[i] <= 0 || _streams.Open(i, 0, Purposes.CommunityStart).NextDouble() >= settled[i]) continue;
            int h = ci.Neighbourhood;
            ReadOnlySpan<CitizenDomain> own = c.DomainsOf(i);
            int best = Engagement.ChooseDomain(own, out _);
            // A settled member has taken part in about the share of recent months that members stay on.
            ci.Experience = (float)stay[i];
            double given = Engagement.Hours(b, ci.Type, initialExpected, ci.AvailableHours, 0, stay[i]);
            ci.EngagedMode = c.EngagedModePrevious[i] = (sbyte)Mode.Community;
            ci.EngagedDomain = (byte)best;
            ci.Hours = (float)given;
            ci.HoursYear = (float)(Coefficients.Year * given * stay[i]);
            ci.LastEngaged = 0;
            int a = (h * domains + best) * t.PerCell, o = t.HoodBase + h * t.PerHood;
            row[a + t.CommunityEffectiveHours] += given * own[best].Skill;
            row[a + t.CommunityHours] += given;
            row[a + t.CommunityCount] += 1;
            row[o + t.EngagedCount] += 1;
            row[o + t.EngagedHours] += given;
        }
        Produce(new TickContext(0));
    }

    private void DeliverInvitations(in TickContext tick, PartitionRange range)
    {
        var handler = new InvitationHandler(_c.PeerInvited);
        _bus.Deliver(range.Partition, ref handler);
    }

    private readonly struct InvitationHandler(bool[] invited) : IMessageHandler<PeerInvitation>
    {
        public void Handle(int sourcePartition, in Envelope<PeerInvitation> message) => invited[message.Target] = true;
    }
}
