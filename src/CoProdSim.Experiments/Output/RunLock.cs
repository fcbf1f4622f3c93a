using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// <c>DIR/.coprodsim.lock</c>: created exclusively by the run writing into DIR, holding its process id and start time,
/// so that a second run into the same folder is refused rather than mixing its files with the first's. A lock left by
/// a process that no longer exists (killed, or a crash) is taken over. Disposing removes it.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>Name of the lock file in the output folder.</summary>
    public const string FileName = ".coprodsim.lock";

    private readonly string _path;
    private bool _released;

    private RunLock(string path) => _path = path;

    /// <summary>
    /// Takes the lock of <paramref name="dir"/>; returns null with <paramref name="holder"/> in words when another
    /// living process holds it. A stale lock is taken over, with a note through <paramref name="note"/>.
    /// </summary>
    public static RunLock? TryAcquire(string dir, Action<string>? note, out string? holder)
    {
        string path = Path.Combine(dir, FileName);
        if (Directory.Exists(path))
        {
            holder = $"{path} is a folder, where coprodsim keeps its lock file: move it away or choose another --out";
            return null;
        }
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1))
                {
                    string text = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["pid"] = Environment.ProcessId,
                        ["started"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                    });
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }
                holder = null;
                return new RunLock(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                (int? pid, string started) = Read(path);
                bool stale = pid is { } p ? !ProcessExists(p) : DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromSeconds(10);
                if (!stale || attempt > 0)
                {
                    holder = $"another coprodsim run (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, started {started}) is writing {dir}; wait for it or choose another --out";
                    return null;
                }
                note?.Invoke($"note: taking over the lock of {dir} left by pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} (started {started}), which is no longer running");
                File.Delete(path);
            }
        }
        holder = $"another coprodsim run is writing {dir}; wait for it or choose another --out";
        return null;
    }

    private static (int? Pid, string Started) Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = doc.RootElement;
            return (root.GetProperty("pid").GetInt32(), root.GetProperty("started").GetString() ?? "at an unknown time");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return (null, "at an unknown time");
        }
    }

    /// <summary>Whether process <paramref name="pid"/> exists.</summary>
    public static bool ProcessExists(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Removes the lock.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        AtomicFile.TryDelete(_path);
    }
}
