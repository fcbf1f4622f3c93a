using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CoProdSim.Explorer;

namespace CoProdSim.Tests.Explorer;

/// <summary>An explorer server on an ephemeral port of 127.0.0.1, and a client for its API.</summary>
internal sealed class ExplorerHarness : IAsyncDisposable
{
    private ExplorerHarness(ExplorerServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ExplorerServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<ExplorerHarness> Start(ExplorerOptions? options = null) =>
        new(await ExplorerServer.StartAsync((options ?? new ExplorerOptions()) with { Port = 0 }));

    /// <summary>A classroom-size town for tests: 600 residents in 6 neighbourhoods over <paramref name="horizon"/> months.</summary>
    public static JsonObject Small(int horizon = 8, bool compare = false, params (string Path, string Value)[] more)
    {
        var values = new JsonObject
        {
            ["population.citizens"] = "600",
            ["population.neighbourhoods"] = "6",
            ["horizon"] = horizon.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (p, v) in more) values[p] = v;
        return new JsonObject { ["values"] = values, ["compare"] = compare };
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> Post(string path, JsonNode body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using HttpResponseMessage r = await Http.PostAsync(path, content);
        string text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : []);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> Get(string path)
    {
        using HttpResponseMessage r = await Http.GetAsync(path);
        string text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject { ["text"] = text });
    }

    public async Task<string> Text(string path)
    {
        using HttpResponseMessage r = await Http.GetAsync(path);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return await r.Content.ReadAsStringAsync();
    }

    /// <summary>Creates a session; asserts it was created.</summary>
    public async Task<string> Create(JsonObject? settings = null)
    {
        var (status, body) = await Post("/api/sessions", settings ?? Small());
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    public async Task Control(string id, string action, double? speed = null)
    {
        var body = new JsonObject { ["action"] = action };
        if (speed is { } s) body["speed"] = s;
        var (status, reply) = await Post($"/api/sessions/{id}/control", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), reply.ToJsonString());
    }

    /// <summary>Runs a session to the end as fast as it goes, and waits for it.</summary>
    public async Task RunToEnd(string id)
    {
        await Control(id, "run", speed: 0);
        await WaitFor(id, "finished");
    }

    public async Task<JsonObject> WaitFor(string id, string state, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (status, body) = await Get($"/api/sessions/{id}");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            if (body["state"]!["state"]!.GetValue<string>() == state) return body;
            if (DateTime.UtcNow > until) Assert.Fail($"session did not reach '{state}' in {seconds} s: {body["state"]}");
            await Task.Delay(20);
        }
    }

    /// <summary>The session's CSV rows, without the header and without the last column (its lever changes).</summary>
    public static List<string> Rows(string csv, bool dropLast) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(l => dropLast ? l[..l.LastIndexOf(',')] : l).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
