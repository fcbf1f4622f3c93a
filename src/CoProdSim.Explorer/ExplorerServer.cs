using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoProdSim.Charts;
using CoProdSim.Experiments.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProdSim.Explorer;

/// <summary>
/// The explorer's web server (Kestrel): the page and its script, plotly.js, and a small JSON API over
/// <see cref="SessionHub"/> with an event stream (Server-Sent Events) per session. Listens on 127.0.0.1 unless told
/// otherwise; when it does, it answers only requests addressed to this computer by name (a defence against DNS
/// rebinding), takes only JSON for changes (so another site's form cannot post to it), and limits request sizes.
/// </summary>
public sealed class ExplorerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExplorerServer(WebApplication app, SessionHub hub, Uri address)
    {
        _app = app;
        Hub = hub;
        Address = address;
    }

    /// <summary>The address to open in a browser.</summary>
    public Uri Address { get; }

    /// <summary>The sessions.</summary>
    public SessionHub Hub { get; }

    /// <summary>Waits until the server stops (Ctrl-C, or <paramref name="cancel"/>).</summary>
    public Task WaitAsync(CancellationToken cancel) => _app.WaitForShutdownAsync(cancel);

    /// <summary>Starts a server with <paramref name="options"/>. The port, when 0 or taken (and the default), is chosen by the system.</summary>
    /// <exception cref="IOException">when the address cannot be listened on.</exception>
    public static async Task<ExplorerServer> StartAsync(ExplorerOptions options, CancellationToken cancel = default)
    {
        try
        {
            return await StartOnAsync(options, options.Port, cancel).ConfigureAwait(false);
        }
        catch (IOException) when (options.Port == ExplorerOptions.DefaultPort)
        {
            // The default port is taken (another explorer, another program): any free one will do.
            return await StartOnAsync(options, 0, cancel).ConfigureAwait(false);
        }
    }

    private static async Task<ExplorerServer> StartOnAsync(ExplorerOptions options, int port, CancellationToken cancel)
    {
        IPAddress ip = options.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(options.Host, out IPAddress? parsed) ? parsed
            : throw new ArgumentException($"--host '{options.Host}' is not an IP address; use 127.0.0.1 (this computer only), or 0.0.0.0 (every network)");
        var form = new SettingsForm(options.Start);
        var hub = new SessionHub(options, form);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "CoProdSim.Explorer" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
            k.Listen(ip, port);
        });
        WebApplication app = builder.Build();
        Map(app, hub, options);
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            hub.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot listen on {options.Host}:{port}: {ex.Message}", ex);
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int actual = new Uri(bound).Port;
        // 0.0.0.0 listens everywhere; this computer reaches it at 127.0.0.1.
        string shown = IPAddress.Any.Equals(ip) || IPAddress.IPv6Any.Equals(ip) || IPAddress.IsLoopback(ip) ? "127.0.0.1"
            : ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return new ExplorerServer(app, hub, new Uri($"http://{shown}:{actual.ToString(CultureInfo.InvariantCulture)}/"));
    }

    private int _disposed;

    /// <summary>Stops the server and frees every session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Hub.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private static void Map(WebApplication app, SessionHub hub, ExplorerOptions options)
    {
        app.Use(async (context, next) =>
        {
            HttpResponse r = context.Response;
            r.Headers["X-Content-Type-Options"] = "nosniff";
            r.Headers["Referrer-Policy"] = "no-referrer";
            r.Headers["X-Frame-Options"] = "DENY";
            // Nothing is loaded from anywhere but this server: no CDN, no fonts, no analytics.
            r.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            if (options.LoopbackOnly && !LoopbackNames.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
            {
                await Problem(context, 421, $"this explorer answers only at 127.0.0.1 (asked for '{context.Request.Host.Host}')").ConfigureAwait(false);
                return;
            }
            if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
            {
                // A page on another site cannot send JSON here without the browser asking first (and being refused).
                string origin = context.Request.Headers.Origin.ToString();
                if (origin.Length > 0 && !string.Equals(new Uri(origin, UriKind.Absolute) is { } o ? $"{o.Host}:{o.Port}" : "", $"{context.Request.Host.Host}:{context.Request.Host.Port ?? 80}", StringComparison.OrdinalIgnoreCase))
                {
                    await Problem(context, 403, "requests from other sites are refused").ConfigureAwait(false);
                    return;
                }
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
                {
                    await Problem(context, 415, "send JSON (Content-Type: application/json)").ConfigureAwait(false);
                    return;
                }
            }
            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/explorer.js", () => Asset("explorer.js"));
        app.MapGet("/explorer.css", () => Asset("explorer.css"));
        app.MapGet("/plotly.min.js", () => Results.Text(PlotlyJs.Library, "text/javascript; charset=utf-8"));
        app.MapGet("/favicon.ico", () => Results.NoContent());

        app.MapGet("/api/meta", () => Results.Text(Catalogue.Json(options).ToJsonString(), "application/json; charset=utf-8"));
        app.MapGet("/api/status", () => Json(new JsonObject
        {
            ["sessions"] = hub.Count,
            ["maxSessions"] = options.MaxSessions,
            ["running"] = hub.Running,
            ["peakRunning"] = hub.PeakRunning,
            ["maxRunning"] = options.MaxRunning,
            ["freed"] = hub.Freed,
            ["idleSeconds"] = options.IdleTimeout.TotalSeconds,
        }));

        app.MapPost("/api/sessions", async (HttpContext context) =>
        {
            JsonNode? body = await ReadJson(context).ConfigureAwait(false);
            Settings settings = body is JsonObject o && o.Count > 0 ? ParseSettings(o, hub.Form.Initial) : hub.Form.Initial;
            Scenario scenario = hub.Form.Check(settings, options, out IReadOnlyList<SettingError> errors);
            if (errors.Count > 0) return Invalid(errors);
            ExplorerSession? session = hub.Create(settings, scenario);
            if (session is null)
                return Error(503, $"the explorer already holds {options.MaxSessions} simulations (one per open page); close a page, or wait: an unused one is freed after {options.IdleTimeout.TotalMinutes:0.#} minutes");
            return Json(session.Snapshot(), 201);
        });

        app.MapGet("/api/sessions/{id}", (string id) => hub.Get(id) is { } s ? Json(s.Snapshot()) : Gone());
        app.MapDelete("/api/sessions/{id}", (string id) => hub.Remove(id) ? Results.NoContent() : Gone());

        app.MapPost("/api/sessions/{id}/settings", async (string id, HttpContext context) =>
        {
            if (hub.Get(id) is not { } session) return Gone();
            if (await ReadJson(context).ConfigureAwait(false) is not JsonObject body) return Error(400, "send the settings as a JSON object: {\"values\": {...}, \"compare\": false}");
            Settings settings = ParseSettings(body, session.Settings);
            Scenario scenario = hub.Form.Check(settings, options, out IReadOnlyList<SettingError> errors);
            if (errors.Count > 0) return Invalid(errors);
            Applied applied = session.Apply(settings, scenario);
            return Json(new JsonObject
            {
                ["ok"] = true,
                ["applied"] = applied.ToString().ToLowerInvariant(),
                ["month"] = session.Month,
                ["yaml"] = session.Yaml(),
            });
        });

        app.MapPost("/api/sessions/{id}/control", async (string id, HttpContext context) =>
        {
            if (hub.Get(id) is not { } session) return Gone();
            if (await ReadJson(context).ConfigureAwait(false) is not JsonObject body) return Error(400, "send {\"action\": \"run\"} (run, pause, step or reset), or {\"speed\": 10}");
            if (body["speed"] is JsonValue sv)
            {
                if (!sv.TryGetValue(out double speed) || !(speed >= 0 && speed <= 1000)) return Error(400, "speed is months a second, 0 (as fast as possible) to 1000");
                session.Speed = speed;
            }
            string? action = body["action"] is JsonValue av && av.TryGetValue(out string? a) ? a : null;
            switch (action)
            {
                case null: break;
                case "run": session.Run(); break;
                case "pause": session.Pause(); break;
                case "step": await session.StepAsync(context.RequestAborted).ConfigureAwait(false); break;
                case "reset": session.Reset(); break;
                default: return Error(400, $"unknown action '{Shorten(action)}'; actions: run, pause, step, reset");
            }
            return Json(new JsonObject { ["ok"] = true, ["state"] = session.State.ToString().ToLowerInvariant(), ["month"] = session.Month });
        });

        app.MapGet("/api/sessions/{id}/events", async (string id, HttpContext context) =>
        {
            if (hub.Get(id) is not { } session)
            {
                await Problem(context, 404, "this simulation is no longer on the server (freed after a while unused, or the server restarted)").ConfigureAwait(false);
                return;
            }
            long last = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long h) ? h
                : long.TryParse(context.Request.Query["after"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long q) ? q : 0;
            HttpResponse r = context.Response;
            r.ContentType = "text/event-stream; charset=utf-8";
            r.Headers.CacheControl = "no-cache";
            // Open streams end when the page goes or the server stops (which would otherwise wait for them).
            using var streaming = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
            CancellationToken aborted = streaming.Token;
            using IDisposable watching = session.Watch();
            try
            {
                await r.WriteAsync("retry: 2000\n\n", aborted).ConfigureAwait(false);
                while (!aborted.IsCancellationRequested)
                {
                    var (events, more) = session.EventsAfter(last);
                    var text = new StringBuilder();
                    foreach (var (eid, type, data) in events)
                    {
                        text.Append("id: ").Append(eid.ToString(CultureInfo.InvariantCulture)).Append("\nevent: ").Append(type).Append("\ndata: ").Append(data).Append("\n\n");
                        last = eid;
                    }
                    if (text.Length > 0)
                    {
                        await r.WriteAsync(text.ToString(), aborted).ConfigureAwait(false);
                        await r.Body.FlushAsync(aborted).ConfigureAwait(false);
                    }
                    if (events.Count > 0 && events[^1].Type == "closed") return;
                    // A comment every 15 s keeps proxies and the browser from closing a quiet stream.
                    if (await Task.WhenAny(more, Task.Delay(15_000, aborted)).ConfigureAwait(false) != more)
                    {
                        await r.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                        await r.Body.FlushAsync(aborted).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        app.MapGet("/api/sessions/{id}/scenario.yaml", (string id) => hub.Get(id) is { } s
            ? Download(s.Yaml(), "application/yaml; charset=utf-8", $"{hub.Form.Name}.yaml")
            : Gone());
        app.MapGet("/api/sessions/{id}/timeseries.csv", (string id) => hub.Get(id) is { } s
            ? Download(s.Csv(), "text/csv; charset=utf-8", $"{hub.Form.Name}-timeseries.csv")
            : Gone());
    }

    private static IResult Asset(string name)
    {
        Assembly asm = typeof(ExplorerServer).Assembly;
        using Stream stream = asm.GetManifestResourceStream("wwwroot/" + name) ?? throw new InvalidOperationException($"the page's {name} is missing from the build");
        using var reader = new StreamReader(stream);
        string type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Text(reader.ReadToEnd(), type);
    }

    private static IResult Download(string text, string type, string file) =>
        Results.File(Encoding.UTF8.GetBytes(text), type, file);

    private static IResult Json(JsonObject o, int status = 200) =>
        Results.Text(o.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    private static IResult Error(int status, string message) =>
        Json(new JsonObject { ["ok"] = false, ["errors"] = new JsonArray(new JsonObject { ["path"] = "", ["message"] = message }) }, status);

    private static IResult Gone() => Error(404, "this simulation is no longer on the server (freed after a while unused, or the server restarted): reload the page to start a new one");

    private static IResult Invalid(IReadOnlyList<SettingError> errors) => Json(new JsonObject
    {
        ["ok"] = false,
        ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["message"] = e.Message }).ToArray()),
    }, 400);

    private static async Task Problem(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["ok"] = false, ["errors"] = new JsonArray(new JsonObject { ["path"] = "", ["message"] = message }) }.ToJsonString()).ConfigureAwait(false);
    }

    private static async Task<JsonNode?> ReadJson(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Settings from the page's JSON: values (text or numbers) over <paramref name="current"/>, and compare.</summary>
    private static Settings ParseSettings(JsonObject body, Settings current)
    {
        var values = new Dictionary<string, string>(current.Values);
        if (body["values"] is JsonObject given)
        {
            foreach (var (k, v) in given)
            {
                values[k] = v switch
                {
                    JsonValue x when x.TryGetValue(out string? s) => s,
                    JsonValue x when x.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
                    null => "",
                    _ => v.ToJsonString(),
                };
            }
        }
        bool compare = body["compare"] is JsonValue c && c.TryGetValue(out bool b) ? b : current.Compare;
        return new Settings(values, compare);
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
