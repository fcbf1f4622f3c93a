using System.Globalization;
using System.Net;
using System.Text;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Charts;

/// <summary>A conclusion drawn from the numbers on one measure: which strategy does best, and who is within noise of it.</summary>
/// <param name="Aspect">What a councillor asks about ("outcome", "cost", ...).</param>
/// <param name="Metric">The metric behind it.</param>
/// <param name="Best">The best strategy's series label, or null when no strategy has a value.</param>
/// <param name="Tied">Labels of the strategies whose paired difference from the best has a 95% interval that includes 0.</param>
public sealed record Finding(string Aspect, string Metric, string? Best, IReadOnlyList<string> Tied);

/// <summary>
/// The report's opening summary, written from the results: for outcome, cost, fairness, trust and carers, which strategy
/// does best, by how much over the next with 95% intervals, and which differences are within noise (the paired
/// interval includes 0); what one unit of each measure means; and caveats where a measure misleads read alone
/// (efficiency that rises because service is cut). Nothing in it is canned: every name and number comes from the run.
/// </summary>
public static class ReportSummary
{
    /// <summary>The measures of the summary, in order: the aspect a councillor asks about, and its metric.</summary>
    public static readonly IReadOnlyList<(string Aspect, string Metric)> Measures =
    [
        ("Outcome", MetricCatalog.OutcomeIndex),
        ("Cost", MetricCatalog.PublicCost),
        ("Fairness", MetricCatalog.OutcomeGap),
        ("Trust", MetricCatalog.TrustMean),
        ("Carers", MetricCatalog.CarerBurnoutRate),
    ];

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The findings of a view, one per measure with values.</summary>
    public static IReadOnlyList<Finding> Findings(ReportView view) =>
        Measures.Where(m => view.Series.Any(s => HasMetric(s, m.Metric))).Select(m => Find(view, m.Aspect, m.Metric)).ToArray();

    private static bool HasMetric(Series s, string metric) => s.Source.Set.Metrics.Contains(metric) && !double.IsNaN(s.Final(metric).Mean);

    private static Finding Find(ReportView view, string aspect, string metric)
    {
        MetricView mv = MetricView.Of(metric);
        Series[] ranked = Ranked(view, metric, mv.Better);
        if (ranked.Length == 0) return new Finding(aspect, metric, null, []);
        Series best = ranked[0];
        string[] tied = ranked.Skip(1).Where(s => WithinNoise(s.Minus(best, metric))).Select(s => s.Label).ToArray();
        return new Finding(aspect, metric, best.Label, tied);
    }

    private static Series[] Ranked(ReportView view, string metric, Better better)
    {
        var have = view.Series.Where(s => HasMetric(s, metric));
        return (better == Better.Lower ? have.OrderBy(s => s.Final(metric).Mean) : have.OrderByDescending(s => s.Final(metric).Mean)).ToArray();
    }

    /// <summary>Whether a difference's 95% interval includes 0 (the replications cannot tell the two apart); false without an interval.</summary>
    public static bool WithinNoise(Estimate d) => !double.IsNaN(d.Low) && d.Low <= 0 && d.High >= 0;

    /// <summary>The summary's HTML for one view.</summary>
    public static string Html(ReportView view)
    {
        var sb = new StringBuilder();
        Series first = view.Series[0];
        int replications = first.Source.Set.Replications;
        long month = first.Source.Set.Manifest.Horizon;
        sb.Append("<p class=\"lead\">At month ").Append(month).Append(", the end of the run").Append(view.Label.Length > 0 ? $" ({Enc(view.Label)})" : "")
          .Append(", mean over ").Append(replications).Append(" replications. Ranges in brackets are 95% confidence intervals. ")
          .Append("A difference is <em>within noise</em> when its interval includes 0: with these replications the two strategies cannot be told apart on that measure.</p>");
        if (view.Series.Count < 2)
        {
            sb.Append("<p>Only one strategy was run, so there is nothing to compare; the table and charts below describe it.</p>");
            return sb.ToString();
        }
        sb.Append("<ul class=\"findings\">");
        foreach (var (aspect, metric) in Measures)
        {
            MetricView mv = MetricView.Of(metric);
            Series[] ranked = Ranked(view, metric, mv.Better);
            if (ranked.Length < 2) continue;
            sb.Append("<li data-aspect=\"").Append(Enc(aspect.ToLowerInvariant())).Append("\" data-metric=\"").Append(Enc(metric)).Append("\"><b>").Append(Enc(aspect)).Append(":</b> ")
              .Append(Sentence(ranked, metric, mv)).Append("<span class=\"unit\">").Append(Enc(mv.Header)).Append(": ").Append(Enc(mv.OneUnit)).Append("</span></li>");
        }
        sb.Append("</ul>");
        string caveats = Caveats(view);
        if (caveats.Length > 0) sb.Append("<div class=\"caveats\"><p><b>Read with care</b></p><ul>").Append(caveats).Append("</ul></div>");
        return sb.ToString();
    }

    /// <summary>"<b>four-cos</b> does best, 72.1 (72.0 to 72.2); within noise of it: equity-targeted (−0.1, −0.3 to 0.1). Next: ... Last: ..."</summary>
    private static string Sentence(Series[] ranked, string metric, MetricView mv)
    {
        Series best = ranked[0];
        string verb = mv.Better == Better.Lower ? "is lowest" : "is highest";
        var sb = new StringBuilder();
        sb.Append("<b class=\"best\">").Append(Enc(best.Label)).Append("</b> ").Append(verb).Append(", ").Append(Value(best.Final(metric), mv));
        var tied = new List<(Series S, Estimate D)>();
        var behind = new List<(Series S, Estimate D)>();
        foreach (Series s in ranked.Skip(1))
        {
            Estimate d = s.Minus(best, metric);
            (WithinNoise(d) ? tied : behind).Add((s, d));
        }
        if (tied.Count > 0)
        {
            sb.Append("; within noise of it: ").Append(string.Join(", ", tied.Select(t => $"{Enc(t.S.Label)} ({Diff(t.D, mv)})")));
        }
        if (behind.Count > 0)
        {
            var (next, d) = behind[0];
            sb.Append(tied.Count > 0 ? ". It is clearly ahead of " : ". It is ahead of the next, ").Append(Enc(next.Label)).Append(", by ")
              .Append(Enc(mv.Amount(d.Mean))).Append(Interval(d, mv, abs: true));
            if (behind.Count > 1)
            {
                var (last, dl) = behind[^1];
                sb.Append("; ").Append(mv.Better == Better.Lower ? "highest" : "lowest").Append(": ").Append(Enc(last.Label)).Append(", ")
                  .Append(mv.Show(last.Final(metric).Mean)).Append(" (").Append(Enc(mv.Amount(dl.Mean))).Append(mv.Better == Better.Lower ? " more" : " less").Append(')');
            }
        }
        else if (tied.Count > 0)
        {
            sb.Append(". No strategy is clearly better on this measure");
        }
        sb.Append(". ");
        return sb.ToString();
    }

    private static string Value(Estimate e, MetricView mv)
    {
        string money = mv.Unit.StartsWith('£') ? "£" : "";
        return money + mv.Show(e.Mean) + (double.IsNaN(e.Low) ? "" : $" ({money}{mv.Show(e.Low)} to {money}{mv.Show(e.High)})") + (money.Length > 0 ? mv.Unit[1..] : "");
    }

    private static string Diff(Estimate d, MetricView mv) =>
        mv.ShowDifference(d.Mean) + (double.IsNaN(d.Low) ? "" : $", {mv.ShowDifference(d.Low)} to {mv.ShowDifference(d.High)}");

    private static string Interval(Estimate d, MetricView mv, bool abs)
    {
        if (double.IsNaN(d.Low)) return " (no interval: one replication)";
        double lo = abs ? Math.Min(Math.Abs(d.Low), Math.Abs(d.High)) : d.Low, hi = abs ? Math.Max(Math.Abs(d.Low), Math.Abs(d.High)) : d.High;
        return $" ({Trim(mv.ShowDifference(lo))} to {Trim(mv.ShowDifference(hi))})";

        string Trim(string s) => abs ? s.TrimStart('+', '\u2212') : s;
    }

    /// <summary>
    /// Caveats the numbers call for. Efficiency: when the strategy with the most outcome per public pound has clearly
    /// less outcome than the best (its paired interval excludes 0) and costs less, it is efficient because it spends less,
    /// and the caveat says so with its outcome and need met. Fairness: when the narrowest gap comes with a lower outcome
    /// for the richest fifth than another strategy, the gap narrowed partly by levelling down.
    /// </summary>
    public static string Caveats(ReportView view)
    {
        var sb = new StringBuilder();
        foreach (string eff in new[] { MetricCatalog.EfficiencyPublic, MetricCatalog.EfficiencyTotal })
        {
            Series[] byEff = Ranked(view, eff, Better.Higher);
            Series[] byOutcome = Ranked(view, MetricCatalog.OutcomeIndex, Better.Higher);
            if (byEff.Length < 2 || byOutcome.Length < 2) continue;
            Series e = byEff[0], o = byOutcome[0];
            if (e == o) continue;
            Estimate dOutcome = e.Minus(o, MetricCatalog.OutcomeIndex);
            double costE = e.Final(eff == MetricCatalog.EfficiencyPublic ? MetricCatalog.PublicCost : MetricCatalog.TotalCost).Mean;
            double costO = o.Final(eff == MetricCatalog.EfficiencyPublic ? MetricCatalog.PublicCost : MetricCatalog.TotalCost).Mean;
            if (WithinNoise(dOutcome) || dOutcome.Mean >= 0 || !(costE < costO)) continue;
            MetricView mvEff = MetricView.Of(eff), mvOut = MetricView.Of(MetricCatalog.OutcomeIndex), mvNeed = MetricView.Of(MetricCatalog.NeedMet);
            sb.Append("<li data-caveat=\"").Append(Enc(eff)).Append("\"><b>").Append(Enc(e.Label)).Append("</b> gets the most ").Append(Enc(mvEff.Title.ToLowerInvariant()))
              .Append(" (").Append(mvEff.Show(e.Final(eff).Mean)).Append(" against ").Append(mvEff.Show(o.Final(eff).Mean)).Append(" for ").Append(Enc(o.Label))
              .Append("), but because it spends less, not because it achieves more: its outcome is ").Append(Enc(mvOut.Amount(dOutcome.Mean))).Append(" lower")
              .Append(Interval(dOutcome, mvOut, abs: true));
            if (view.Series.All(s => HasMetric(s, MetricCatalog.NeedMet)))
                sb.Append(" and it meets ").Append(mvNeed.Show(e.Final(MetricCatalog.NeedMet).Mean)).Append("% of assessed need against ").Append(mvNeed.Show(o.Final(MetricCatalog.NeedMet).Mean)).Append('%');
            sb.Append(". ").Append(Enc(mvEff.Caveat)).Append("</li>");
            break; // one efficiency caveat says it
        }
        Series[] byGap = Ranked(view, MetricCatalog.OutcomeGap, Better.Lower);
        string q5 = MetricCatalog.OutcomeQuintile(5), q1 = MetricCatalog.OutcomeQuintile(1);
        if (byGap.Length >= 2 && view.Series.All(s => HasMetric(s, q5) && HasMetric(s, q1)))
        {
            Series g = byGap[0];
            Series? richer = view.Series.Where(s => s != g && !WithinNoise(g.Minus(s, q5)) && g.Minus(s, q5).Mean < 0 && !(g.Minus(s, q1).Mean > 0)).FirstOrDefault();
            if (richer is not null)
            {
                MetricView mv = MetricView.Of(q5);
                sb.Append("<li data-caveat=\"outcome_gap\"><b>").Append(Enc(g.Label)).Append("</b> has the narrowest gap, but its poorest fifth is no better off than under ")
                  .Append(Enc(richer.Label)).Append(" and its richest fifth is ").Append(Enc(mv.Amount(g.Minus(richer, q5).Mean))).Append(" worse off: the gap narrowed by levelling down.</li>");
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The glossary: each metric shown (its title, what it measures, what one unit means, its caveat), the statistical
    /// terms, the strategies (the presets' descriptions; a variant names its preset), and the parameters that need words.
    /// </summary>
    public static string Glossary(IReadOnlyList<string> metrics, IReadOnlyList<ReportSource> sources, IReadOnlyList<Experiments.Scenarios.DerivedMetric>? derived)
    {
        var sb = new StringBuilder("<dl class=\"glossary\">");
        void Term(string term, string text) => sb.Append("<dt>").Append(Enc(term)).Append("</dt><dd>").Append(Enc(text)).Append("</dd>");
        foreach (string metric in metrics.Distinct())
        {
            MetricView mv = MetricView.Of(metric, derived);
            string text = string.Join(" ", new[] { Capital(mv.Meaning) + ".", mv.OneUnit, mv.Caveat }.Where(t => t.Length > 1));
            Term($"{mv.Header} [{metric}]", text);
        }
        double shadowWage = sources[0].Set.Manifest.Parameters?["behaviour"]?[BehaviourParameters.ShadowWage.Name]?.GetValue<double>() ?? BehaviourParameters.ShadowWage.Default;
        Term("Shadow wage", $"{BehaviourParameters.ShadowWage.Description} Here £{shadowWage.ToString("0.##", CultureInfo.InvariantCulture)} an hour: {BehaviourParameters.ShadowWage.Source}. It prices citizens' time in total cost; nobody is paid it.");
        Term("QALY", "Quality-adjusted life year: a year lived in full health counts 1, a year in poorer health less. Health economists compare strategies by cost per QALY gained; NICE treats £20,000 to £30,000 per QALY as good value.");
        Term("Gini coefficient", "A measure of inequality from 0 (everyone has the same) to 1 (one person has everything). Here it is of residents' well-being, not income.");
        Term("Income quintile", "A fifth of residents ranked by income: quintile 1 is the poorest fifth, quintile 5 the richest.");
        Term("Replication", "One run of the simulated town with its own random events. Each strategy is run on the same replications (the same residents and chance events), so differences between strategies are not luck of the draw.");
        Term("95% confidence interval", "The range within which the mean over many more replications would fall, 19 times in 20. Narrow: the number is well estimated. It says nothing about whether the model's assumptions are right.");
        Term("Within noise", "A difference whose 95% interval includes 0: the replications cannot tell the two strategies apart on that measure. It may still be real, but this run does not show it.");
        Term("Paired difference", "A strategy minus another, replication by replication (each pair shares its residents and chance events), averaged; its interval is narrower than comparing two separate averages.");
        if (sources.Any(s => s.Set.SweepPaths.Count > 0))
        {
            Term("Sweep point", "One combination of values of the parameters the scenario varies (the sweep). Each point is a complete set of runs.");
            foreach (string path in sources.SelectMany(s => s.Set.SweepPaths).Distinct())
                Term($"{ParameterLabel.Axis(path)} [{path}]", ParameterLabel.Explain(path));
        }
        var seen = new HashSet<string>();
        foreach (ReportSource source in sources)
        {
            foreach (string strategy in source.Set.Strategies.Where(seen.Add))
            {
                string? preset = source.Set.Manifest.Parameters?["strategies"]?[strategy]?["preset"]?.GetValue<string>();
                if (StrategyPresets.Descriptions.TryGetValue(strategy, out string? d)) Term(strategy, Capital(d) + " (a preset).");
                else if (preset is not null && StrategyPresets.Descriptions.TryGetValue(preset, out string? pd))
                    Term(strategy, $"Defined in the scenario file: the {preset} preset ({pd}) with some levers changed; manifest.json lists them all.");
            }
        }
        return sb.Append("</dl>").ToString();
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
