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
        bool tookOver = false;
        IOException? failure = null;
        for (int attempt = 0; attempt < 5; attempt++)
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
            catch (IOException ex) when (!Directory.Exists(path))
            {
                // Gone again already (another process was taking over a stale lock at this moment): try again; a
                // failure that is not about the lock (a read-only or full file system) comes back every time.
                if (!File.Exists(path))
                {
                    failure = ex;
                    continue;
                }
                string seen = ReadText(path);
                (int? pid, string started) = Parse(seen);
                bool stale = pid is { } p ? !Holds(p, started) : DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromSeconds(10);
                if (!stale || tookOver || !TakeOver(path, seen))
                {
                    holder = $"another coprodsim run (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, started {started}) is writing {dir}; wait for it or choose another --out";
                    return null;
                }
                tookOver = true;
                note?.Invoke($"note: taking over the lock of {dir} left by pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} (started {started}), which is no longer running");
            }
        }
        if (failure is not null && !File.Exists(path)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        holder = $"another coprodsim run is writing {dir}; wait for it or choose another --out";
        return null;
    }

    /// <summary>
    /// Removes the stale lock whose text was <paramref name="seen"/>, safely against another process taking it over
    /// at the same moment: the lock is first renamed to a name of this process's own (one rename wins), then its text
    /// compared with what was seen. Another process's fresh lock, moved by mistake, is put back and the take-over
    /// abandoned. Returns whether the stale lock is gone.
    /// </summary>
    private static bool TakeOver(string path, string seen)
    {
        string aside = AtomicFile.TempName(path);
        try
        {
            File.Move(path, aside);
        }
        catch (FileNotFoundException)
        {
            return true; // someone removed it: try to create it again
        }
        catch (IOException)
        {
            return false;
        }
        if (ReadText(aside) == seen)
        {
            AtomicFile.TryDelete(aside);
            return true;
        }
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException)
        {
            AtomicFile.TryDelete(aside);
        }
        return false;
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static (int? Pid, string Started) Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            return (root.GetProperty("pid").GetInt32(), root.GetProperty("started").GetString() ?? "at an unknown time");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, "at an unknown time");
        }
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> can be the one that took the lock at <paramref name="started"/>: it
    /// exists and began before then (a process begun later only reuses the number of the one that died).
    /// </summary>
    private static bool Holds(int pid, string started)
    {
        if (!ProcessExists(pid)) return false;
        if (!DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset taken)) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            // A second's slack: the clock of process start times is coarse.
            return process.StartTime.ToUniversalTime() <= taken.UtcDateTime.AddSeconds(1);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true;
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
