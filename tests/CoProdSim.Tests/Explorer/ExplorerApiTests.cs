using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CoProdSim.Engine;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Explorer;
using CoProdSim.Model;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Explorer;

/// <summary>
/// The explorer's HTTP API (coprodsim serve) on an ephemeral port: sessions made and freed, the same numbers as
/// `coprodsim run` of the exported file, lever changes from the next month, the loader's messages for bad settings,
/// the stated limits, the bound on simulations computing at once, and its defences. Classroom-size towns only.
/// </summary>
[Category("Explorer")]
public class ExplorerApiTests
{
    [Test]
    public async Task SessionsAreMadeReadAndDeleted()
    {
        await using var h = await ExplorerHarness.Start();
        string id = await h.Create();
        Assert.That(id, Does.Match("^[0-9a-f]{32}$"), "a random 128-bit id");
        var (status, body) = await h.Get($"/api/sessions/{id}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["state"]!["state"]!.GetValue<string>(), Is.EqualTo("ready"));
        Assert.That(body["months"]!.AsArray(), Has.Count.EqualTo(1), "month 0, the starting state");
        Assert.That(body["settings"]!["values"]!["population.citizens"]!.GetValue<string>(), Is.EqualTo("600"));

        using HttpResponseMessage deleted = await h.Http.DeleteAsync($"/api/sessions/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var (gone, message) = await h.Get($"/api/sessions/{id}");
        Assert.That(gone, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(message["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("no longer on the server"));
    }

    [Test]
    public async Task EverySectionAndParameterOfTheTableIsOnThePage()
    {
        await using var h = await ExplorerHarness.Start();
        var (_, meta) = await h.Get("/api/meta");
        JsonArray groups = meta["groups"]!.AsArray();
        Assert.That(groups, Has.Count.EqualTo(ParameterCatalog.Sections.Count));
        foreach (ParameterSection section in ParameterCatalog.Sections)
        {
            JsonNode group = groups.Single(g => g!["section"]!.GetValue<string>() == section.Name)!;
            string[] names = group["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray();
            Assert.That(names, Is.EqualTo(section.Parameters.Select(p => p.Name).ToArray()), $"section '{section.Name}'");
            foreach (JsonNode? p in group["parameters"]!.AsArray())
            {
                Parameter spec = section.Find(p!["name"]!.GetValue<string>())!;
                Assert.That(p["description"]!.GetValue<string>(), Is.EqualTo(spec.Description));
                Assert.That(p["allowed"]!.GetValue<string>(), Is.EqualTo(spec.Allowed));
                if (spec.Kind != ParameterKind.Choice)
                {
                    double lo = p["slider"]!["min"]!.GetValue<double>(), hi = p["slider"]!["max"]!.GetValue<double>();
                    Assert.That(lo, Is.GreaterThanOrEqualTo(spec.Min).And.LessThan(hi), $"{spec}: the slider stays inside the allowed range");
                    Assert.That(hi, Is.LessThanOrEqualTo(spec.Max), $"{spec}: the slider stays inside the allowed range");
                }
            }
        }
        Assert.That(meta["presets"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(StrategyPresets.All.Keys));
        Assert.That(meta["charts"]!.AsArray().Select(c => c!.GetValue<string>()),
            Is.EqualTo(new[] { "outcome_index", "participation_rate", "public_cost", "trust_mean", "outcome_gap", "carer_burnout_rate" }));
        JsonNode participation = meta["metrics"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "participation_rate")!;
        Assert.That(participation["title"]!.GetValue<string>(), Is.EqualTo(MetricCatalog.Read("participation_rate").Title));
        Assert.That(participation["scale"]!.GetValue<double>(), Is.EqualTo(100), "a share is shown as a percentage");
    }

    [Test]
    public async Task ARunGivesTheSameNumbersAsCoprodsimRunOfTheExportedFile()
    {
        await using var h = await ExplorerHarness.Start();
        string id = await h.Create(ExplorerHarness.Small(horizon: 10, compare: true,
            ("seed", "4242"), ("strategies.B.invitation_rate", "0.3"), ("strategies.B.targeting", "deprived-first")));
        // Stepped, then run: how the months are reached does not change them.
        await h.Control(id, "step");
        await h.Control(id, "step");
        await h.RunToEnd(id);
        string yaml = await h.Text($"/api/sessions/{id}/scenario.yaml");
        string csv = await h.Text($"/api/sessions/{id}/timeseries.csv");

        using var cli = new CliHarness();
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(cli.Write("explorer.yaml", yaml), dir);
        Assert.That(code, Is.Zero, "coprodsim run accepts the exported file unchanged: " + error);
        List<string> run = ExplorerHarness.Rows(File.ReadAllText(Path.Combine(dir, "timeseries.csv")), dropLast: false)
            .Where(l => l.Split(',')[1] == "0").ToList();
        List<string> explored = ExplorerHarness.Rows(csv, dropLast: true);
        Assert.That(explored, Has.Count.EqualTo(2 * 11), "two settings, months 0 to 10");
        Assert.That(explored, Is.EqualTo(run), "every metric of every month, digit for digit, as replication 1 of coprodsim run");
        Assert.That(csv.Split('\n')[0], Is.EqualTo(File.ReadAllLines(Path.Combine(dir, "timeseries.csv"))[0] + ",lever_changes"), "the columns of timeseries.csv");
        Assert.That(yaml, Does.Contain("baseline: A"), "compared settings are paired against A");
    }

    [Test]
    public async Task ALeverChangedPartWayAppliesFromTheNextMonthAndIsRecorded()
    {
        await using var h = await ExplorerHarness.Start();
        const int before = 4, horizon = 10;
        string id = await h.Create(ExplorerHarness.Small(horizon));
        string startYaml = await h.Text($"/api/sessions/{id}/scenario.yaml");
        for (int m = 0; m < before; m++) await h.Control(id, "step");
        var (status, reply) = await h.Post($"/api/sessions/{id}/settings", new JsonObject { ["values"] = new JsonObject { ["strategies.A.invitation_rate"] = "0.6" } });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), reply.ToJsonString());
        Assert.That(reply["applied"]!.GetValue<string>(), Is.EqualTo("levers"));
        await h.RunToEnd(id);
        var (_, session) = await h.Get($"/api/sessions/{id}");
        JsonNode change = session["changes"]!.AsArray().Single()!;
        Assert.That(change["month"]!.GetValue<int>(), Is.EqualTo(before + 1), "recorded with the month it applies from");
        Assert.That(change["lever"]!.GetValue<string>(), Is.EqualTo("invitation_rate"));
        Assert.That(change["from"]!.GetValue<string>(), Is.EqualTo("0.15"));
        Assert.That(change["to"]!.GetValue<string>(), Is.EqualTo("0.6"));

        // The same run by hand: the starting scenario's model, `before` months, the levers changed, the rest.
        Scenario start = ScenarioLoader.Parse(startYaml, "start.yaml");
        ModelParameters p = RunPlan.ParametersFor(start, 0, 0);
        ulong seed = RunPlan.ReplicationSeed(start.Seed, 0);
        double[][] changed = RunByHand(p, seed, horizon, before, p.Strategy.With(StrategyLevers.InvitationRate, 0.6));
        double[][] unchanged = RunByHand(p, seed, horizon, horizon, p.Strategy);
        string[] rows = ExplorerHarness.Rows(await h.Text($"/api/sessions/{id}/timeseries.csv"), dropLast: true).ToArray();
        int participation = Array.IndexOf(CoProductionModel.MetricNamesFor(p), MetricCatalog.ParticipationRate);
        for (int m = 0; m <= horizon; m++)
        {
            double[] shown = rows[m].Split(',').Skip(4).Select(CoProdSim.Experiments.Output.Csv.Parse).ToArray();
            Assert.That(shown, Is.EqualTo(changed[m]), $"month {m} as the hand-made run");
            if (m <= before) Assert.That(changed[m], Is.EqualTo(unchanged[m]), $"month {m}: before the change nothing differs");
        }
        Assert.That(changed[before + 1], Is.Not.EqualTo(unchanged[before + 1]), "the change acts in the very next month");
        // Fixed seed: in the month of the change, four times the invitations bring in more residents (here 4 of 600).
        Assert.That(changed[before + 1][participation] - unchanged[before + 1][participation], Is.GreaterThanOrEqualTo(1.0 / 600));
        Assert.That(await h.Text($"/api/sessions/{id}/timeseries.csv"), Does.Contain($",invitation_rate 0.15 -> 0.6\n"), "the CSV says when the lever changed");
        string yaml = await h.Text($"/api/sessions/{id}/scenario.yaml");
        Assert.That(yaml, Does.Contain($"#   month {before + 1}, A: invitation_rate 0.15 -> 0.6"), "the export lists the change it cannot express");
        Assert.That(ScenarioLoader.Parse(yaml, "x.yaml").Strategies[0].Levers[StrategyLevers.InvitationRate], Is.EqualTo(0.6), "and holds the levers in force now");
    }

    private static double[][] RunByHand(ModelParameters p, ulong seed, int horizon, int changeAfter, ParameterValues levers)
    {
        var model = new CoProductionModel(p, seed, 1);
        var sim = new Simulation(model, 1);
        var rows = new double[horizon + 1][];
        rows[0] = new double[model.MetricNames.Count];
        model.WriteMetrics(0, rows[0]);
        for (int m = 1; m <= horizon; m++)
        {
            if (m == changeAfter + 1) model.ChangeStrategy(levers);
            sim.Step();
            rows[m] = new double[model.MetricNames.Count];
            model.WriteMetrics(m, rows[m]);
        }
        return rows;
    }

    [Test]
    public async Task BadSettingsGetTheLoadersMessagesAndChangeNothing()
    {
        await using var h = await ExplorerHarness.Start();
        string id = await h.Create();
        var bad = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["population.citizens"] = "5",
                ["strategies.A.invitation_rate"] = "lots",
                ["strategies.A.targeting"] = "everyone",
                ["population.conditional_share"] = "0.8",
                ["population.free_rider_share"] = "0.4",
            },
        };
        var (status, reply) = await h.Post($"/api/sessions/{id}/settings", bad);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = reply["errors"]!.AsArray().Select(e => (Path: e!["path"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();

        // The same values in a scenario file: the loader's own messages.
        string file = """
            name: t
            population: {citizens: 5, neighbourhoods: 6, conditional_share: 0.8, free_rider_share: 0.4}
            strategies:
              - name: A
                preset: inside-out
                invitation_rate: lots
                targeting: everyone
            """;
        var loader = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(file, "t.yaml"))!.Errors.Select(e => e.Message).ToList();
        Assert.That(errors.Select(e => e.Message), Is.EquivalentTo(loader), "word for word what a file with these values gets");
        Assert.That(errors, Has.Some.Matches<(string Path, string Message)>(e => e.Path == "population.citizens" && e.Message == "population.citizens: 5 is out of range; allowed: 10 to 50000000 (whole number)"));
        Assert.That(errors, Has.Some.Matches<(string Path, string Message)>(e => e.Path == "strategies.A.invitation_rate" && e.Message.Contains("expected a number, found 'lots'; allowed: 0 to 1")));
        Assert.That(errors, Has.Some.Matches<(string Path, string Message)>(e => e.Path == "strategies.A.targeting" && e.Message.Contains("allowed: universal or deprived-first")));

        var (_, session) = await h.Get($"/api/sessions/{id}");
        Assert.That(session["settings"]!["values"]!["population.citizens"]!.GetValue<string>(), Is.EqualTo("600"), "the refused settings changed nothing");

        // Text typed into a box cannot change the file's structure: it is quoted, and refused as a value.
        var (injected, why) = await h.Post($"/api/sessions/{id}/settings",
            new JsonObject { ["values"] = new JsonObject { ["population.rewiring"] = "0.1\nstrategies: [four-cos]" } });
        Assert.That(injected, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(why["errors"]![0]!["path"]!.GetValue<string>(), Is.EqualTo("population.rewiring"));

        var (unknown, what) = await h.Post($"/api/sessions/{id}/settings", new JsonObject { ["values"] = new JsonObject { ["population.citizenz"] = "10" } });
        Assert.That(unknown, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(what["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("'population.citizenz' is not a setting"));
    }

    [Test]
    public async Task SettingsBeyondTheStatedLimitsAreRefused()
    {
        await using var h = await ExplorerHarness.Start(new ExplorerOptions { MaxMemoryBytes = 64L * 1024 * 1024, MaxRunSeconds = 5 });
        var (status, reply) = await h.Post("/api/sessions", ExplorerHarness.Small(36, false, ("population.citizens", "2000000"), ("population.neighbourhoods", "100")));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        string[] messages = reply["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToArray();
        Assert.That(messages, Has.Some.Contains("the explorer allows at most 64 MB a simulation"));
        Assert.That(messages, Has.Some.Contains("the explorer allows at most 5 s a run"));
        Assert.That(reply["errors"]![0]!["path"]!.GetValue<string>(), Is.EqualTo("population.citizens"));

        // The estimates scale with the town: a classroom town is far inside both limits.
        Scenario small = ScenarioLoader.Parse(SettingsForm.DefaultScenario, "d.yaml");
        Assert.That(SettingsForm.MemoryEstimate(small), Is.LessThan(16L * 1024 * 1024));
        Assert.That(SettingsForm.SecondsEstimate(small), Is.LessThan(1), "a classroom run of 36 months computes in under a second");
        string id = await h.Create();
        var (tooLong, why) = await h.Post($"/api/sessions/{id}/settings", new JsonObject { ["values"] = new JsonObject { ["population.citizens"] = "1000000" } });
        Assert.That(tooLong, Is.EqualTo(HttpStatusCode.BadRequest), why.ToJsonString());
    }

    [Test]
    public async Task IdleSessionsAreFreedButNotWhileAPageWatches()
    {
        await using var h = await ExplorerHarness.Start(new ExplorerOptions { IdleTimeout = TimeSpan.FromMilliseconds(400) });
        string idle = await h.Create(), watched = await h.Create();
        using var stream = await h.Http.GetStreamAsync($"/api/sessions/{watched}/events");
        using var reader = new StreamReader(stream);
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("retry:"), "the event stream is open");
        await Task.Delay(1500);
        var (gone, _) = await h.Get($"/api/sessions/{idle}");
        Assert.That(gone, Is.EqualTo(HttpStatusCode.NotFound), "freed after the idle timeout");
        var (kept, _) = await h.Get($"/api/sessions/{watched}");
        Assert.That(kept, Is.EqualTo(HttpStatusCode.OK), "a session with an open page is kept");
        var (_, status) = await h.Get("/api/status");
        Assert.That(status["freed"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(status["sessions"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task NoMoreSimulationsComputeAtOnceThanTheBoundAndEachHasItsOwn()
    {
        await using var h = await ExplorerHarness.Start(new ExplorerOptions { MaxRunning = 1, MaxSessions = 3 });
        string[] ids = new string[3];
        for (int s = 0; s < 3; s++) ids[s] = await h.Create(ExplorerHarness.Small(24, false, ("seed", (s + 1).ToString(CultureInfo.InvariantCulture))));
        var (full, why) = await h.Post("/api/sessions", ExplorerHarness.Small());
        Assert.That(full, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a fourth page is refused");
        Assert.That(why["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("already holds 3 simulations"));
        foreach (string id in ids) await h.Control(id, "run", speed: 0);
        foreach (string id in ids) await h.WaitFor(id, "finished");
        var (_, status) = await h.Get("/api/status");
        Assert.That(status["peakRunning"]!.GetValue<int>(), Is.EqualTo(1), "never more than one month computing at a time");
        // Each tab has its own simulation: different seeds, different towns, all to the end.
        var finals = new HashSet<string>();
        foreach (string id in ids)
        {
            var rows = ExplorerHarness.Rows(await h.Text($"/api/sessions/{id}/timeseries.csv"), dropLast: true);
            Assert.That(rows, Has.Count.EqualTo(25));
            finals.Add(string.Join(',', rows[^1].Split(',').Skip(4)));
        }
        Assert.That(finals, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task TheEventStreamCarriesEveryMonthAndTheTownView()
    {
        await using var h = await ExplorerHarness.Start();
        string id = await h.Create(ExplorerHarness.Small(5));
        await h.RunToEnd(id);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await h.Http.GetStreamAsync($"/api/sessions/{id}/events", cancel.Token);
        using var reader = new StreamReader(stream);
        var types = new List<string>();
        JsonObject? last = null;
        while (!types.Contains("state") || last?["month"]?.GetValue<int>() != 5)
        {
            string? line = await reader.ReadLineAsync(cancel.Token);
            if (line is null) break;
            if (line.StartsWith("event: ", StringComparison.Ordinal)) types.Add(line[7..]);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && types.Count > 0 && types[^1] == "month") last = JsonNode.Parse(line[6..])!.AsObject();
        }
        Assert.That(types[0], Is.EqualTo("init"));
        Assert.That(types.Count(t => t == "month"), Is.EqualTo(6), "months 0 to 5");
        JsonObject hoods = last!["hoods"]![0]!.AsObject();
        Assert.That(hoods["outcome"]!.AsArray(), Has.Count.EqualTo(6), "one value per neighbourhood");

        // The town view agrees with the town-wide metrics: population-weighted means of the tiles.
        var (_, session) = await h.Get($"/api/sessions/{id}");
        int[] population = session["init"]!["neighbourhoods"]!["population"]!.AsArray().Select(p => p!.GetValue<int>()).ToArray();
        string[] metrics = session["init"]!["metrics"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        double[] values = last["values"]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        foreach (var (measure, metric) in new[] { ("outcome", "outcome_index"), ("participation", "participation_rate"), ("trust", "trust_mean"), ("burnout", "burnout_rate") })
        {
            double[] tiles = hoods[measure]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            double mean = tiles.Select((v, k) => v * population[k]).Sum() / population.Sum();
            Assert.That(mean, Is.EqualTo(values[Array.IndexOf(metrics, metric)]).Within(1e-9), $"{measure} tiles average to {metric}");
        }
    }

    [Test]
    public async Task RequestsFromElsewhereAreRefused()
    {
        await using var h = await ExplorerHarness.Start();
        using (var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/meta"))
        {
            rebinding.Headers.Host = "attacker.example";
            using HttpResponseMessage r = await h.Http.SendAsync(rebinding);
            Assert.That((int)r.StatusCode, Is.EqualTo(421), "a name other than this computer's (DNS rebinding) is refused");
        }
        using (var form = new StringContent("action=run", Encoding.UTF8, "application/x-www-form-urlencoded"))
        using (HttpResponseMessage r = await h.Http.PostAsync("/api/sessions", form))
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), "a form post (possible from any site) is refused");
        using (var other = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            other.Headers.Add("Origin", "http://attacker.example");
            using HttpResponseMessage r = await h.Http.SendAsync(other);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
        using (var huge = new StringContent("{\"values\":{\"seed\":\"" + new string('1', 400_000) + "\"}}", Encoding.UTF8, "application/json"))
        using (HttpResponseMessage r = await h.Http.PostAsync("/api/sessions", huge))
            Assert.That((int)r.StatusCode, Is.EqualTo(413).Or.EqualTo(400), "bodies over the limit are refused");
        using HttpResponseMessage page = await h.Http.GetAsync("/");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'"), "the page may load nothing from elsewhere");
        string html = await page.Content.ReadAsStringAsync();
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(html, "(src|href)=\"(https?:)?//"), Is.False, "no CDN");
        using HttpResponseMessage plotly = await h.Http.GetAsync("/plotly.min.js");
        Assert.That((await plotly.Content.ReadAsStringAsync()).Length, Is.GreaterThan(1_000_000), "plotly.js is served from here");
    }

    [Test]
    public void ServeRefusesABadFileOrAddressWithExitCode2()
    {
        using var cli = new CliHarness();
        string bad = cli.Write("bad.yaml", "name: x\npopulation: {citizens: 3}\nstrategies: [traditional]\n");
        var (code, _, error) = cli.Invoke("serve", bad);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:2:").And.Contain("population.citizens: 3 is out of range"));
        (code, _, error) = cli.Invoke("serve", "--host", "my-laptop");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--host: 'my-laptop' is not an IP address"));
        string big = cli.Write("big.yaml", "name: x\nhorizon: 120\npopulation: {citizens: 3000000, neighbourhoods: 200}\nstrategies: [traditional]\n");
        (code, _, error) = cli.Invoke("serve", big);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("the explorer allows at most").And.Contain("--max-run-seconds"));
    }

    [Test]
    public void EveryScenarioWithoutASweepIsWrittenBackAsTheSameScenario()
    {
        int written = 0;
        foreach (string path in Directory.GetFiles(RepoPaths.Of("scenarios"), "*.yaml"))
        {
            Scenario s = ScenarioLoader.Load(path) with { Sweep = null };
            string text = ScenarioWriter.Write(s, ["a comment"]);
            Scenario back = ScenarioLoader.Parse(text, "back.yaml");
            Assert.That(back.Strategies.Select(x => x.Name), Is.EqualTo(s.Strategies.Select(x => x.Name)), path);
            written++;
        }
        Assert.That(written, Is.GreaterThanOrEqualTo(8));
        // Domains and public bodies away from their defaults, and modes, are written too.
        Scenario custom = ScenarioLoader.Parse("""
            name: custom
            seed: 3
            replications: 2
            domains: {health_care: {sigma: 2}, parks: {need: 0.2}}
            public_bodies: {council: {domains: [health_care], budget_per_citizen: 90}, trust: {domains: [parks]}}
            strategies:
              - name: mix
                preset: four-cos
                modes: {co_design: 1}
            """, "c.yaml");
        string written2 = ScenarioWriter.Write(custom);
        Assert.That(written2, Does.Contain("parks:").And.Contain("budget_per_citizen: 90").And.Contain("modes: {co_commissioning: 0, co_design: 1, co_delivery: 0, co_assessment: 0, co_managing: 0, co_performing: 0}"));
    }
}
