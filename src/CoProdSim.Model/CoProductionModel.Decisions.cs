using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using CoProdSim.Model.Behaviour;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Model;

/// <summary>Step 2: citizens decide whether to engage, in which mode and domain, and how many hours.</summary>
public sealed partial class CoProductionModel
{
    /// <summary>Hours a month at which time stops being scarce for the opportunity-cost term.</summary>
    private const double AmpleHours = 40;

    private void Decide(in TickContext tick, PartitionRange range)
    {
        Span<double> row = _decisions.Row(range.Partition);
        row.Clear();
        StrategyLevers s = _p.Strategy;
        BehaviourParameters b = _p.Behaviour;
        if (!s.AnyModeOpen)
        {
            // Nothing open (traditional): nobody co-produces; only the bookkeeping is done.
            Array.Fill(_c.EngagedMode, (sbyte)-1, range.Start, range.Length);
            Array.Clear(_c.Hours, range.Start, range.Length);
            Array.Clear(_c.PeerInvited, range.Start, range.Length);
            _bus.Publish(range.Partition);
            return;
        }
        int domains = _d;
        int hoodBase = _n * _d * PerHoodDomain;
        double weightSum = 0;
        Span<double> cumulative = stackalloc double[4];
        for (int m = 0; m < 4; m++) cumulative[m] = weightSum += s.ModeWeights[m];
        double recognition = s.Recognition, coFinancing = s.CoFinancing, recruitment = b.PeerRecruitment;
        int[] offsets = _network.Offsets, targets = _network.Targets;
        double[] invitation = _invitationProbability, provision = _provision, effectiveness = _logEffectiveness, meanOthers = _meanOthers;
        // The hot loop reads the citizens' arrays through locals: one field load each, not one per access.
        Citizens c = _c;
        int[] hood = c.Neighbourhood;
        byte[] quintile = c.Quintile, engagedDomain = c.EngagedDomain;
        sbyte[] engagedMode = c.EngagedMode, previousMode = c.EngagedModePrevious;
        bool[] peerInvitedArray = c.PeerInvited, burntOut = c.BurntOut, female = c.Female, older = c.Older;
        float[] available = c.AvailableHours, need = c.Need, wellbeing = c.Wellbeing, skill = c.Skill;
        float[] efficacy = c.Efficacy, trust = c.Trust, glow = c.WarmGlow, fatigue = c.Fatigue, hours = c.Hours;
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
                var rng = new RandomStream(_seed, i, tick.Tick, Purposes.Decision);
                double invited = rng.NextDouble() < invitation[q] ? 1 : peerInvited ? 0.7 : 0;
                // The citizen co-produces where the unmet need is largest, leaning toward their skills.
                int best = 0;
                double bestScore = double.NegativeInfinity, gap = 0;
                int k0 = i * domains;
                for (int d = 0; d < domains; d++)
                {
                    double g = need[k0 + d] - wellbeing[k0 + d];
                    double score = g + 0.3 * skill[k0 + d];
                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = d;
                        gap = Math.Max(0, g);
                    }
                }
                int contactsStart = offsets[i], contactsEnd = offsets[i + 1];
                int engagedContacts = 0;
                for (int t = contactsStart; t < contactsEnd; t++) if (previousMode[targets[t]] >= 0) engagedContacts++;
                double peerShare = contactsEnd > contactsStart ? (double)engagedContacts / (contactsEnd - contactsStart) : 0;
                int hk = h * domains + best;
                var inputs = new EngagementInputs(
                    efficacy[i], gap, invited, trust[i], glow[i], peerShare,
                    1 - Math.Min(1, time / AmpleHours), fatigue[i], provision[hk], effectiveness[hk * 5 + q - 1],
                    female[i], older[i]);
                if (rng.NextDouble() < Engagement.Probability(b, inputs))
                {
                    double pick = rng.NextDouble() * weightSum;
                    int m = 0;
                    while (m < 3 && pick >= cumulative[m]) m++;
                    mode = (sbyte)m;
                    given = (float)Engagement.Hours(b, type[i], meanOthers[h], time, recognition);
                    int a = hk * PerHoodDomain;
                    switch ((Mode)m)
                    {
                        case Mode.CoDelivery:
                            row[a + DeliveryEffectiveHours] += given * skill[k0 + best];
                            row[a + DeliveryCount] += 1;
                            break;
                        case Mode.CoDesign:
                            row[a + DesignByQuintile + q - 1] += 1;
                            break;
                        case Mode.CoCommissioning:
                            row[a + CommissionCount] += 1;
                            row[a + ExpressedNeed] += need[k0 + best];
                            // Donations rise with income: the middle quintile gives the lever's amount.
                            row[a + Donations] += coFinancing * q / 3.0;
                            break;
                        default:
                            row[hoodBase + h * PerHood + AssessCount] += 1;
                            break;
                    }
                    row[hoodBase + h * PerHood + EngagedCount] += 1;
                    row[hoodBase + h * PerHood + EngagedHours] += given;
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
