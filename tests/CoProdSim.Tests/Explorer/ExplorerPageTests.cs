using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;
using CoProdSim.Tests.Charts;
using Microsoft.Playwright;

namespace CoProdSim.Tests.Explorer;

/// <summary>
/// The explorer as a student meets it, in headless Chromium driven by Playwright (the system's /usr/bin/chromium):
/// the page opens, runs, its charts grow, a lever changed part-way is marked, the scenario is exported and loads,
/// a bad value is explained beside its field, and when the server stops the page keeps its charts and says so. No
/// console error, and no request leaves 127.0.0.1. Ignored without Chromium, unless COPRODSIM_REQUIRE_BROWSER=1.
/// </summary>
[Category("Browser")]
[Category("Explorer")]
[NonParallelizable]
public class ExplorerPageTests : ChromiumTest
{
    private static Task<int> Points(IPage page) =>
        page.EvaluateAsync<int>("() => { const d = document.getElementById('chart-outcome_index'); return d && d.data ? d.data[0].x.length : 0; }");

    [Test]
    public async Task ThePageRunsUnderItsOwnContentSecurityPolicy()
    {
        // The server forbids scripts from anywhere else and eval; the page and plotly.js must work within that.
        await using var h = await ExplorerHarness.Start();
        IPage page = await Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(h.Server.Address.ToString());
        await page.WaitForSelectorAsync("#chart-outcome_index .main-svg");
        await page.ClickAsync("#run");
        await page.WaitForSelectorAsync("body[data-drawn-months='37']", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#town-map .main-svg");
        await page.CloseAsync();
        Assert.That(errors, Is.Empty, "no console error (a refused script or eval would be one)");
    }

    [Test]
    public async Task AStudentRunsWatchesTheChartsGrowChangesALeverAndExportsTheScenario()
    {
        var h = await ExplorerHarness.Start();
        // The test's own probes (waitForFunction) are evaluated as strings, which the page's policy forbids; the test above runs under it.
        IPage page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, AcceptDownloads = true, BypassCSP = true });
        var errors = new List<string>();
        var outside = new List<string>();
        // Refused settings are answered 400 by design (the page shows why beside the field); the browser logs each such
        // answer to the console, so those lines, and only those, are expected.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 400 (Bad Request)", StringComparison.Ordinal)) errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) =>
        {
            var uri = new Uri(r.Url);
            if (uri.Scheme is "http" or "https" or "ws" or "wss" && uri.Host != "127.0.0.1") outside.Add(r.Url);
        };
        try
        {
            await page.GotoAsync(h.Server.Address.ToString());
            await page.WaitForFunctionAsync("document.body.dataset.state === 'ready' && document.body.dataset.drawnMonths === '1'");
            Assert.That(await page.Locator("[data-path='strategies.A.invitation_rate']").CountAsync(), Is.EqualTo(1), "the levers are on the page");
            Assert.That(await page.Locator("[data-path='strategies.A.invitation_rate'] .desc").TextContentAsync(), Is.EqualTo(StrategyLevers.InvitationRate.Description));

            // A smaller town, typed into its box: the run starts again from the new settings.
            await page.FillAsync("[data-path='population.citizens'] input[type=text]", "800");
            await page.PressAsync("[data-path='population.citizens'] input[type=text]", "Enter");
            await page.WaitForFunctionAsync("document.getElementById('notice').textContent.includes('Settings applied')");

            await page.SelectOptionAsync("#speed", "10");
            await page.ClickAsync("#run");
            await page.WaitForFunctionAsync("document.getElementById('chart-outcome_index').data[0].x.length >= 4");
            int early = await Points(page);
            await page.WaitForFunctionAsync($"document.getElementById('chart-outcome_index').data[0].x.length > {early + 3}");
            await page.ClickAsync("#pause");
            await page.WaitForFunctionAsync("document.body.dataset.state === 'paused'");
            int month = int.Parse(await page.EvaluateAsync<string>("document.body.dataset.month"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(month, Is.GreaterThan(early - 1).And.LessThan(36), "the charts grew while it ran, and it paused part-way");
            Assert.That(await Points(page), Is.EqualTo(month + 1), "one point a month, month 0 included");

            // A lever changed part-way applies from the next month, and is marked on the charts.
            await page.FillAsync("[data-path='strategies.A.invitation_rate'] input[type=text]", "0.5");
            await page.PressAsync("[data-path='strategies.A.invitation_rate'] input[type=text]", "Enter");
            await page.WaitForFunctionAsync($"document.getElementById('notice').textContent.includes('applies from month {month + 1}')");
            await page.SelectOptionAsync("#speed", "0");
            await page.ClickAsync("#run");
            await page.WaitForFunctionAsync("document.body.dataset.state === 'finished' && document.body.dataset.drawnMonths === '37'");
            string marks = await page.EvaluateAsync<string>("document.getElementById('chart-participation_rate').layout.annotations.map(a => a.x + ':' + a.hovertext).join('|')");
            Assert.That(marks, Is.EqualTo($"{month + 1}:From month {month + 1}: A: invitation rate 0.15 \u2192 0.5"));
            Assert.That(await page.Locator("#change-list li").First.TextContentAsync(), Does.Contain($"From month {month + 1}, setting A: invitation rate 0.15 \u2192 0.5"));
            Assert.That(await page.EvaluateAsync<int>("document.getElementById('town-map').data[0].z.flat().filter(v => v !== null).length"), Is.EqualTo(20), "a tile per neighbourhood");
            Assert.That(await page.Locator(".monitor").CountAsync(), Is.EqualTo(6));

            // Export: the scenario loads, with the settings in force.
            IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-yaml"));
            string yaml = await File.ReadAllTextAsync((await download.PathAsync())!);
            Scenario exported = ScenarioLoader.Parse(yaml, "explorer.yaml");
            Assert.That(exported.Model.Population[PopulationParameters.Citizens], Is.EqualTo(800));
            Assert.That(exported.Strategies[0].Levers[StrategyLevers.InvitationRate], Is.EqualTo(0.5));
            IDownload csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            Assert.That(File.ReadAllLines((await csv.PathAsync())!), Has.Length.EqualTo(38), "a header and months 0 to 36");

            // A bad value is explained beside its field in the loader's words, and changes nothing.
            await page.FillAsync("[data-path='population.citizens'] input[type=text]", "5");
            await page.PressAsync("[data-path='population.citizens'] input[type=text]", "Enter");
            await page.WaitForSelectorAsync("[data-path='population.citizens'].invalid .err");
            Assert.That(await page.Locator("[data-path='population.citizens'] .err").TextContentAsync(),
                Is.EqualTo("population.citizens: 5 is out of range; allowed: 10 to 50000000 (whole number)"));
            Assert.That(await page.Locator("#errors").IsVisibleAsync(), Is.True);

            // Compare: B on the same town; the difference view draws B - A.
            await page.CheckAsync("#compare");
            await page.FillAsync("[data-path='population.citizens'] input[type=text]", "800");
            await page.PressAsync("[data-path='population.citizens'] input[type=text]", "Enter");
            await page.WaitForFunctionAsync("document.getElementById('chart-outcome_index').data.length === 2");
            await page.ClickAsync("#run");
            await page.WaitForFunctionAsync("document.body.dataset.state === 'finished' && document.body.dataset.drawnMonths === '37'");
            await page.CheckAsync("input[name=view][value=difference]");
            await page.WaitForFunctionAsync("document.getElementById('chart-outcome_index').data[0].name === 'B \u2212 A'");

            Assert.That(errors, Is.Empty, "console errors");
            Assert.That(await page.EvaluateAsync<string>("JSON.stringify(window.__explorerErrors)"), Is.EqualTo("[]"));
            Assert.That(outside, Is.Empty, "requests outside 127.0.0.1");

            // The server stops: the page says so and keeps what it drew.
            int drawn = await Points(page);
            await h.DisposeAsync();
            await page.WaitForSelectorAsync("#offline", new() { State = WaitForSelectorState.Visible, Timeout = 15_000 });
            Assert.That(await Points(page), Is.EqualTo(drawn), "the charts stay");
            Assert.That(await page.IsDisabledAsync("#run"), Is.True, "controls that need the server are off");
            IDownload offline = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            Assert.That(File.ReadAllLines((await offline.PathAsync())!), Has.Length.EqualTo(1 + 2 * 37), "the data can still be exported, from the page");
        }
        finally
        {
            await page.CloseAsync();
            await h.DisposeAsync();
        }
    }
}
