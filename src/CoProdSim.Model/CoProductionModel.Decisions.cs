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
        bool open = s.AnyModeOpen;
        Citizens c = _c;
        int domains = _d;
        int hoodBase = _n * _d * PerHoodDomain;
        double weightSum = 0;
        Span<double> cumulative = stackalloc double[4];
        for (int m = 0; m < 4; m++) cumulative[m] = weightSum += s.ModeWeights[m];
        double recognition = s.Recognition, coFinancing = s.CoFinancing;
        int[] offsets = _network.Offsets, targets = _network.Targets;

        for (int i = range.Start; i < range.End; i++)
        {
            sbyte mode = -1;
            float hours = 0;
            bool peerInvited = c.PeerInvited[i];
            c.PeerInvited[i] = false;
            float available = c.AvailableHours[i];
            if (open && !c.BurntOut[i] && available >= 1)
            {
                int h = c.Neighbourhood[i];
                int q = c.Quintile[i];
                var rng = new RandomStream(_seed, i, tick.Tick, Purposes.Decision);
                double invited = rng.NextDouble() < _invitationProbability[q] ? 1 : peerInvited ? 0.7 : 0;
                // The citizen co-produces where the unmet need is largest, leaning toward their skills.
                int best = 0;
                double bestScore = double.NegativeInfinity, gap = 0;
                for (int d = 0; d < domains; d++)
                {
                    int k = i * domains + d;
                    double g = c.Need[k] - c.Wellbeing[k];
                    double score = g + 0.3 * c.Skill[k];
                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = d;
                        gap = Math.Max(0, g);
                    }
                }
                int contactsStart = offsets[i], contactsEnd = offsets[i + 1];
                int engagedContacts = 0;
                for (int t = contactsStart; t < contactsEnd; t++) if (c.EngagedModePrevious[targets[t]] >= 0) engagedContacts++;
                double peerShare = contactsEnd > contactsStart ? (double)engagedContacts / (contactsEnd - contactsStart) : 0;
                int hk = h * domains + best;
                var inputs = new EngagementInputs(
                    c.Efficacy[i], gap, invited, c.Trust[i], c.WarmGlow[i], peerShare,
                    1 - Math.Min(1, available / AmpleHours), c.Fatigue[i], _provision[hk], _logEffectiveness[hk * 5 + q - 1],
                    c.Female[i], c.Older[i]);
                if (rng.NextDouble() < Engagement.Probability(b, inputs))
                {
                    double pick = rng.NextDouble() * weightSum;
                    int m = 0;
                    while (m < 3 && pick >= cumulative[m]) m++;
                    mode = (sbyte)m;
                    hours = (float)Engagement.Hours(b, c.Type[i], _meanOthers[h], available, recognition);
                    int a = hk * PerHoodDomain;
                    switch ((Mode)m)
                    {
                        case Mode.CoDelivery:
                            row[a + DeliveryEffectiveHours] += hours * c.Skill[i * domains + best];
                            row[a + DeliveryCount] += 1;
                            break;
                        case Mode.CoDesign:
                            row[a + DesignByQuintile + q - 1] += 1;
                            break;
                        case Mode.CoCommissioning:
                            row[a + CommissionCount] += 1;
                            row[a + ExpressedNeed] += c.Need[i * domains + best];
                            // Donations rise with income: the middle quintile gives the lever's amount.
                            row[a + Donations] += coFinancing * q / 3.0;
                            break;
                        default:
                            row[hoodBase + h * PerHood + AssessCount] += 1;
                            break;
                    }
                    row[hoodBase + h * PerHood + EngagedCount] += 1;
                    row[hoodBase + h * PerHood + EngagedHours] += hours;
                    // Word of mouth: an engaged citizen may invite one contact, who may live in another partition.
                    if (contactsEnd > contactsStart && rng.NextDouble() < b.PeerRecruitment)
                        _bus.Send(range.Partition, targets[contactsStart + rng.NextInt(contactsEnd - contactsStart)], new PeerInvitation(i));
                }
                c.EngagedDomain[i] = (byte)best;
            }
            c.EngagedMode[i] = mode;
            c.Hours[i] = hours;
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
