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
        if (!_anyModeOpen)
        {
            // Nothing open (traditional): nobody co-produces; only the bookkeeping is done.
            Array.Fill(_c.EngagedMode, (sbyte)-1, range.Start, range.Length);
            Array.Clear(_c.Hours, range.Start, range.Length);
            Array.Clear(_c.PeerInvited, range.Start, range.Length);
            _bus.Publish(range.Partition);
            return;
        }
        int domains = _d;
        double weightSum = 0;
        Span<double> cumulative = stackalloc double[4];
        for (int m = 0; m < 4; m++) cumulative[m] = weightSum += _modeWeights[m];
        ParameterValues s = _levers;
        double recognition = s[StrategyLevers.Recognition], coFinancing = s[StrategyLevers.CoFinancing], recruitment = _p.Behaviour[BehaviourParameters.PeerRecruitment];
        int month = (int)tick.Tick;
        int[] lastEngaged = _c.LastEngaged;
        EngagementCoefficients b = _engagement;
        int[] offsets = _network.Offsets, targets = _network.Targets;
        double[] invitation = _plan.InvitationProbability, provision = _plan.Provision, effectiveness = _plan.LogEffectiveness, meanOthers = _services.MeanOthers;
        int cell = t.PerCell, hoodBase = t.HoodBase, perHood = t.PerHood;
        double awareness = _plan.CampaignAwareness;
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
                double invited = rng.NextDouble() < invitation[q] ? 1 : peerInvited ? PeerInvitationStrength : 0;
                int k0 = i * domains;
                int best = Engagement.ChooseDomain(need.AsSpan(k0, domains), wellbeing.AsSpan(k0, domains), skill.AsSpan(k0, domains), out double gap);
                int contactsStart = offsets[i], contactsEnd = offsets[i + 1];
                int engagedContacts = 0;
                for (int x = contactsStart; x < contactsEnd; x++) if (previousMode[targets[x]] >= 0) engagedContacts++;
                double peerShare = contactsEnd > contactsStart ? (double)engagedContacts / (contactsEnd - contactsStart) : 0;
                int hk = h * domains + best;
                var inputs = new EngagementInputs(
                    efficacy[i], gap, invited, trust[i], glow[i], peerShare,
                    Engagement.OpportunityCost(time), fatigue[i], provision[hk], effectiveness[hk * Town.Quintiles + q],
                    previousMode[i] >= 0, female[i], older[i], awareness);
                if (rng.NextDouble() < Engagement.Probability(b, inputs))
                {
                    double pick = rng.NextDouble() * weightSum;
                    int m = 0;
                    while (m < 3 && pick >= cumulative[m]) m++;
                    mode = (sbyte)m;
                    lastEngaged[i] = month;
                    given = (float)Engagement.Hours(b, type[i], meanOthers[h], time, recognition, experience[i]);
                    int a = hk * cell;
                    int o = hoodBase + h * perHood;
                    switch ((Mode)m)
                    {
                        case Mode.CoDelivery:
                            row[a + t.DeliveryEffectiveHours] += given * skill[k0 + best];
                            row[a + t.DeliveryHours] += given;
                            row[a + t.DeliveryCount] += 1;
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
