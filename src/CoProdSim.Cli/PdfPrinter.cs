using System.Diagnostics;

namespace CoProdSim.Cli;

/// <summary>
/// Prints report.html to report.pdf with the system's Chromium (headless, network off, the report's print style),
/// writing under a temporary name and renaming, so a failed print leaves no half-written PDF.
/// </summary>
internal static class PdfPrinter
{
    /// <summary>The browsers looked for on PATH, in order, after $CHROMIUM.</summary>
    public static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

    /// <summary>Chromium's path: $CHROMIUM when it names a file, else the first of <see cref="Candidates"/> on PATH; null when none.</summary>
    public static string? FindChromium()
    {
        string? env = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in Candidates)
        {
            foreach (string dir in dirs)
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    /// <summary>Prints <paramref name="html"/> to a PDF beside it; returns the PDF's path.</summary>
    /// <exception cref="IOException">when Chromium fails or writes no PDF.</exception>
    public static string Print(string chromium, string html)
    {
        string full = Path.GetFullPath(html);
        string pdf = Path.ChangeExtension(full, ".pdf");
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(pdf)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string profile = Path.Combine(Path.GetTempPath(), $"coprodsim-pdf-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
            // The width of an A4 page's text: the charts are drawn at the width they will be printed at.
            "--window-size=720,1000", "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer", $"--print-to-pdf={temp}", new Uri(full).AbsoluteUri,
        }) psi.ArgumentList.Add(a);
        try
        {
            using var browser = Process.Start(psi) ?? throw new IOException($"could not start {chromium}");
            Task<string> err = browser.StandardError.ReadToEndAsync();
            browser.StandardOutput.ReadToEnd();
            if (!browser.WaitForExit(180_000))
            {
                browser.Kill(entireProcessTree: true);
                throw new IOException($"{chromium} did not finish printing {html} within 3 minutes");
            }
            if (browser.ExitCode != 0 || !File.Exists(temp) || new FileInfo(temp).Length == 0)
            {
                string tail = string.Join(" | ", err.Result.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal) && !l.Contains("dbus", StringComparison.OrdinalIgnoreCase)).TakeLast(3));
                throw new IOException($"{chromium} could not print {html} to PDF (exit code {browser.ExitCode}){(tail.Length > 0 ? ": " + tail : "")}");
            }
            File.Move(temp, pdf, overwrite: true);
            return pdf;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            try
            {
                if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile Chromium still holds is left in the temporary folder; the PDF is what matters.
            }
        }
    }
}
