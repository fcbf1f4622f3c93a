using Microsoft.Playwright;

namespace CoProdSim.Tests.Charts;

/// <summary>
/// A fixture holding one headless Chromium (the system's, through Playwright; no browser is downloaded) for its
/// tests. Every host name resolves to nothing, except this computer's address, so a page that fetched from elsewhere
/// would fail. Ignored without Chromium, unless COPRODSIM_REQUIRE_BROWSER=1 (as in .ci/run).
/// </summary>
public abstract class ChromiumTest
{
    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    protected IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        string chromium = ReportBrowserTests.RequireChromium();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
