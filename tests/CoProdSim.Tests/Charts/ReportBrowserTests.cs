using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Charts;

/// <summary>
/// Opens reports in headless Chromium with the network off (that of scenarios/compare-strategies.yaml, and those of
/// tiny Sobol' and Morris runs for the sensitivity charts) and checks, through the page's DOM, that every chart was
/// drawn with the traces it should have and that nothing went wrong. The page records what it drew and every error
/// in attributes of its body, which --dump-dom returns. Without Chromium the tests are ignored, unless
/// COPRODSIM_REQUIRE_BROWSER=1 (as in .ci/run) makes them fail.
/// </summary>
[Category("Browser")]
public partial class ReportBrowserTests
{
    private static string? FindChromium()
    {
        foreach (string candidate in new[] { Environment.GetEnvironmentVariable("CHROMIUM") ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (candidate.Length > 0 && File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>Chromium's path, or ignores the test (fails it under COPRODSIM_REQUIRE_BROWSER=1) when there is none.</summary>
    internal static string RequireChromium()
    {
        string? chromium = FindChromium();
        if (chromium is null)
        {
            if (Environment.GetEnvironmentVariable("COPRODSIM_REQUIRE_BROWSER") == "1") Assert.Fail("Chromium not found: apt-get install chromium");
            Assert.Ignore("Chromium not installed (apt-get install chromium); .ci/run installs it");
        }
        return chromium!;
    }

    /// <summary>
    /// Opens <paramref name="report"/> in headless Chromium, network off, and checks that the page's script ran with
    /// no error and no console error, and that every chart drew the traces its figure has. Returns the DOM and each
    /// chart's expected trace count, by id.
    /// </summary>
    private static (string Dom, Dictionary<string, int> Expected) RenderAndCheck(string chromium, string report, string profile)
    {
        string html = File.ReadAllText(report);
        // Self-contained: no script, stylesheet or image is loaded from anywhere.
        Assert.That(ExternalReference().IsMatch(html), Is.False, "the report references nothing outside itself");

        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}",
            // Network off: every host name resolves to nothing and every request goes to a closed proxy.
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--virtual-time-budget=15000", "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(report).AbsoluteUri,
        }) psi.ArgumentList.Add(a);
        using var browser = Process.Start(psi)!;
        Task<string> stderr = browser.StandardError.ReadToEndAsync();
        string dom = browser.StandardOutput.ReadToEnd();
        Assert.That(browser.WaitForExit(120_000), Is.True, "Chromium finished");
        string log = stderr.Result;

        Match rendered = Regex.Match(dom, "data-rendered=\"([^\"]*)\"");
        Match errors = Regex.Match(dom, "data-errors=\"([^\"]*)\"");
        Assert.That(rendered.Success, Is.True, "the page's script ran to the end");
        using var renderedJson = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(rendered.Groups[1].Value));
        using var errorsJson = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(errors.Groups[1].Value));
        Assert.That(errorsJson.RootElement.GetArrayLength(), Is.Zero, "errors in the page: " + errorsJson.RootElement);
        Assert.That(Regex.IsMatch(log, @"CONSOLE.*(Uncaught|Error)", RegexOptions.IgnoreCase), Is.False, "console errors: " + log);

        var expected = Regex.Matches(dom, "<div id=\"([a-z0-9-]+)\" class=\"plot[^\"]*\" data-expected-traces=\"(\\d+)\"")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (id, traces) in expected)
        {
            Assert.That(renderedJson.RootElement.TryGetProperty(id, out JsonElement r), Is.True, $"chart {id} rendered");
            Assert.That(r.GetProperty("traces").GetInt32(), Is.EqualTo(traces), $"chart {id}: traces in the figure");
            Assert.That(r.GetProperty("drawn").GetInt32(), Is.EqualTo(traces), $"chart {id}: traces drawn on the page");
        }
        return (dom, expected);
    }

    [Test]
    public void CompareStrategiesReportRendersEveryChartOfflineWithoutErrors()
    {
        string chromium = RequireChromium();
        using var cli = new CliHarness();
        string dir = Path.Combine(cli.Folder, "compare");
        var (code, _, error) = cli.Run(RepoPaths.Of("scenarios", "compare-strategies.yaml"), dir);
        Assert.That(code, Is.Zero, error);
        var (dom, expected) = RenderAndCheck(chromium, Path.Combine(dir, "report.html"), Path.Combine(cli.Folder, "profile"));

        // Outcome, cost, efficiency, hours, value, participation by mode and quintile, burnout, trust, gap, Gini, outcome by quintile.
        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(14));
        const int strategies = 6;
        Assert.That(expected["outcome"], Is.EqualTo(2 * strategies), "a mean line and a 95% band per strategy");
        Assert.That(expected["participation-quintile"], Is.EqualTo(strategies), "a bar series per strategy");
        Assert.That(expected["cost-effectiveness"], Is.EqualTo(2 * strategies), "a cross per strategy against public and against total cost");
        // The headline table names every strategy, and the citation block gives seed and hash.
        foreach (string s in new[] { "traditional", "inside-out", "outside-in", "four-cos", "cost-cutting", "equity-targeted" })
            Assert.That(dom, Does.Contain($"</svg>{s}</th>"));
        Assert.That(dom, Does.Contain("root seed 20261123"));
        Assert.That(dom, Does.Match("SHA-256 [0-9a-f]{64}"));
    }

    /// <summary>A tiny sensitivity run: two strategies, 200 citizens, 4 months, one replication, two parameters.</summary>
    private const string SensitivityHead = """
        name: sens-report
        seed: 7
        replications: 1
        horizon: 4
        population: {citizens: 200, neighbourhoods: 4}
        strategies: [traditional, four-cos]
        sweep:
          metrics: [outcome_index, participation_rate]
          parameters:
            behaviour.trust_gain: {min: 0.05, max: 0.2}
            domains.health_care.sigma: {min: 0.3, max: 0.9}

        """;

    [TestCase("method: sobol\n  samples: 4", "sobol", 2, TestName = "SensitivityReportDrawsEveryChart(sobol: S1 and ST bars per strategy)")]
    [TestCase("method: morris\n  trajectories: 3\n  candidates: 6", "morris", 1, TestName = "SensitivityReportDrawsEveryChart(morris: one mu* against sigma series per strategy)")]
    public void SensitivityReportDrawsEveryChart(string design, string method, int tracesPerStrategy)
    {
        string chromium = RequireChromium();
        using var cli = new CliHarness();
        string file = cli.Write("sens.yaml", SensitivityHead.Replace("sweep:\n", "sweep:\n  " + design + "\n", StringComparison.Ordinal));
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(Path.Combine(dir, "sensitivity.csv")), Is.True);
        var (dom, expected) = RenderAndCheck(chromium, Path.Combine(dir, "report.html"), Path.Combine(cli.Folder, "profile"));

        // One chart per analysed metric, each with its traces for both strategies, drawn.
        var charts = expected.Where(e => e.Key.StartsWith(method + "-", StringComparison.Ordinal)).ToDictionary();
        Assert.That(charts.Keys, Is.EquivalentTo(new[] { $"{method}-outcome-index", $"{method}-participation-rate" }));
        Assert.That(charts.Values, Is.All.EqualTo(2 * tracesPerStrategy));
        Assert.That(expected.Keys.Any(k => k.StartsWith(method == "sobol" ? "morris-" : "sobol-", StringComparison.Ordinal)), Is.False, "only the design's own charts");
        // The charts name the parameters.
        Assert.That(dom, Does.Contain("behaviour.trust_gain").And.Contain("domains.health_care.sigma"));
    }

    [Test]
    public void MonteCarloReportDrawsAScatterChartPerMetricWithAPanelPerParameter()
    {
        string chromium = RequireChromium();
        using var cli = new CliHarness();
        string file = cli.Write("mc.yaml", """
            name: mc-report
            seed: 7
            replications: 1
            horizon: 3
            population: {citizens: 200, neighbourhoods: 4}
            strategies: [traditional, four-cos]
            sweep:
              method: monte-carlo
              samples: 5
              parameters:
                behaviour.trust_gain: {min: 0.05, max: 0.2}
                domains.health_care.sigma: {min: 0.3, max: 0.9}
            outputs:
              metrics: [need_met, cost_per_outcome]
              derived: {cost_per_outcome: public_cost / outcome_index}
            """);
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        var (dom, expected) = RenderAndCheck(chromium, Path.Combine(dir, "report.html"), Path.Combine(cli.Folder, "profile"));
        var scatter = expected.Where(e => e.Key.StartsWith("sweep-", StringComparison.Ordinal)).ToDictionary();
        Assert.That(scatter.Keys, Is.EquivalentTo(new[] { "outcome-index", "public-cost", "outcome-gap", "trust-mean", "carer-burnout-rate", "need-met", "cost-per-outcome" }.Select(m => "sweep-" + m)),
            "the summary's measures and need met, then each of outputs.metrics not among them");
        Assert.That(scatter.Values, Is.All.EqualTo(2 * 2), "a series per strategy in each parameter's panel");
        Assert.That(dom, Does.Contain("Trust gain").And.Contain("Sigma, health care"), "parameters named in words");
    }

    // Tags that would load something: plotly.js itself holds attribution links as strings, which load nothing.
    [GeneratedRegex("""<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
