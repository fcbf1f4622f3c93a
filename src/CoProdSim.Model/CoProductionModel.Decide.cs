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
            Array.Fill(_c.EngagedMode, (sbyte)-1, range.Start, range.Length);
            Array.Clear(_c.Hours, range.Start, range.Length);
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
        int[] lastEngaged = _c.LastEngaged;
        EngagementCoefficients b = _engagement;
        int[] offsets = _network.Offsets, targets = _network.Targets;
        double[] invitation = _plan.InvitationProbability, provision = _plan.Provision, effectiveness = _plan.LogEffectiveness, meanOthers = _services.MeanOthers;
        int cell = t.PerCell, hoodBase = t.HoodBase, perHood = t.PerHood;
        double awareness = _plan.CampaignAwareness;
        double[] areaShift = _areaShift;
        // The hot loop reads the citizens' arrays through locals: one field load each, not one per access.
        Citizens c = _c;
        int[] hood = c.Neighbourhood;
        byte[] quintile = c.Quintile, engagedDomain = c.EngagedDomain;
        sbyte[] engagedMode = c.EngagedMode, previousMode = c.EngagedModePrevious;
        bool[] peerInvitedArray = c.PeerInvited, burntOut = c.BurntOut, female = c.Female, older = c.Older;
        float[] available = c.AvailableHours, need = c.Need, wellbeing = c.Wellbeing, skill = c.Skill;
        float[] efficacy = c.Efficacy, trust = c.Trust, glow = c.WarmGlow, fatigue = c.Fatigue, hours = c.Hours, experience = c.Experience;
        BehaviouralType[] type = c.Type;

        for (int i = range.Start; i < range.End; i++)
        {
            sbyte mode = -1;
            float given = 0;
            bool peerInvited = peerInvitedArray[i];
            peerInvitedArray[i] = false;
            float time = available[i];
            if (!burntOut[i] && time >= 1)
            {
                int h = hood[i];
                int q = quintile[i];
                var rng = new RandomStream(Seed, i, tick.Tick, Purposes.Decision);
                bool bodyInvited = rng.NextDouble() < invitation[q];
                double invited = bodyInvited ? 1 : peerInvited ? PeerInvitationStrength : 0;
                int k0 = i * domains;
                int best = Engagement.ChooseDomain(need.AsSpan(k0, domains), wellbeing.AsSpan(k0, domains), skill.AsSpan(k0, domains), out double gap);
                int contactsStart = offsets[i], contactsEnd = offsets[i + 1];
                int engagedContacts = 0;
                for (int x = contactsStart; x < contactsEnd; x++) if (previousMode[targets[x]] >= 0) engagedContacts++;
                double peerShare = contactsEnd > contactsStart ? (double)engagedContacts / (contactsEnd - contactsStart) : 0;
                int hk = h * domains + best;
                sbyte last = previousMode[i];
                var inputs = new EngagementInputs(
                    efficacy[i], gap, invited, trust[i], glow[i], peerShare,
                    Engagement.OpportunityCost(time), fatigue[i], provision[hk], effectiveness[hk * Town.Quintiles + q],
                    last >= 0, female[i], older[i], awareness, areaShift[h]);
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
                    lastEngaged[i] = month;
                    given = (float)Engagement.Hours(b, type[i], meanOthers[h], time, recognition, experience[i]);
                    int a = hk * cell;
                    int o = hoodBase + h * perHood;
                    switch ((Mode)mode)
                    {
                        case Mode.CoManaging:
                            row[a + t.ManagingEffectiveHours] += given * skill[k0 + best];
                            row[a + t.ManagingHours] += given;
                            row[a + t.ManagingCount] += 1;
                            break;
                        case Mode.CoPerforming:
                            row[a + t.PerformingEffectiveHours] += given * skill[k0 + best];
                            row[a + t.PerformingCount] += 1;
                            break;
                        case Mode.Community:
                            row[a + t.CommunityEffectiveHours] += given * skill[k0 + best];
                            row[a + t.CommunityHours] += given;
                            row[a + t.CommunityCount] += 1;
                            break;
                        case Mode.CoDesign:
                            row[a + t.DesignByQuintile + q] += 1;
                            break;
                        case Mode.CoCommissioning:
                            row[a + t.CommissionCount] += 1;
                            row[a + t.ExpressedNeed] += need[k0 + best];
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
                engagedDomain[i] = (byte)best;
            }
            engagedMode[i] = mode;
            hours[i] = given;
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
                int h = c.Neighbourhood[i];
                settled[i] = stay[i] = 0;
                if (c.BurntOut[i] || c.AvailableHours[i] < 1) continue;
                int k0 = i * domains;
                int best = Engagement.ChooseDomain(c.Need.AsSpan(k0, domains), c.Wellbeing.AsSpan(k0, domains), c.Skill.AsSpan(k0, domains), out double gap);
                int hk = h * domains + best;
                var inputs = new EngagementInputs(c.Efficacy[i], gap, 0, c.Trust[i], c.WarmGlow[i], peer[h], Engagement.OpportunityCost(c.AvailableHours[i]),
                    c.Fatigue[i], _plan.Provision[hk], _plan.LogEffectiveness[hk * Town.Quintiles + c.Quintile[i]], false, c.Female[i], c.Older[i], 0, _areaShift[h]);
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
            c.EngagedMode[i] = c.EngagedModePrevious[i] = -1;
            c.Hours[i] = c.Experience[i] = c.HoursYear[i] = 0;
            c.LastEngaged[i] = NeverEngaged;
            if (settled[i] <= 0 || new RandomStream(Seed, i, 0, Purposes.CommunityStart).NextDouble() >= settled[i]) continue;
            int h = c.Neighbourhood[i], k0 = i * domains;
            int best = Engagement.ChooseDomain(c.Need.AsSpan(k0, domains), c.Wellbeing.AsSpan(k0, domains), c.Skill.AsSpan(k0, domains), out _);
            // A settled member has taken part in about the share of recent months that members stay on.
            c.Experience[i] = (float)stay[i];
            double given = Engagement.Hours(b, c.Type[i], initialExpected, c.AvailableHours[i], 0, stay[i]);
            c.EngagedMode[i] = c.EngagedModePrevious[i] = (sbyte)Mode.Community;
            c.EngagedDomain[i] = (byte)best;
            c.Hours[i] = (float)given;
            c.HoursYear[i] = (float)(Coefficients.Year * given * stay[i]);
            c.LastEngaged[i] = 0;
            int a = (h * domains + best) * t.PerCell, o = t.HoodBase + h * t.PerHood;
            row[a + t.CommunityEffectiveHours] += given * c.Skill[k0 + best];
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
