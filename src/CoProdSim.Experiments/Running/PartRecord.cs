using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CoProdSim.Experiments.Output;

namespace CoProdSim.Experiments.Running;

/// <summary>
/// The record kept beside a finished run's part file (<c>.runs/ID.json</c> beside <c>.runs/ID.csv</c>): which plan
/// and run the part belongs to, how many rows it holds and the SHA-256 of its bytes. <c>--resume</c> keeps a part
/// only when its record matches the plan and the part's bytes match the record; the record never reaches the final
/// files.
/// </summary>
public sealed record PartRecord(string Fingerprint, string Run, ulong Seed, long Rows, string Sha256)
{
    /// <summary>Path of the record of the part at <paramref name="partPath"/>.</summary>
    public static string PathOf(string partPath) => Path.ChangeExtension(partPath, ".json");

    /// <summary>The rows (line ends) and SHA-256 of a part file.</summary>
    public static (long Rows, string Sha256) Measure(string partPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        long rows = 0;
        using (var stream = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                rows += buffer.AsSpan(0, n).Count((byte)'\n');
            }
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Writes the record of <paramref name="run"/>'s part (its bytes now at <paramref name="written"/>) beside <paramref name="partPath"/>.</summary>
    public static void Write(string fingerprint, RunSpec run, string written, string partPath)
    {
        (long rows, string sha) = Measure(written);
        AtomicFile.WriteAllText(PathOf(partPath), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["fingerprint"] = fingerprint,
            ["run"] = run.Id,
            ["seed"] = run.Seed,
            ["rows"] = rows,
            ["sha256"] = sha,
        }));
    }

    /// <summary>Why the part of <paramref name="run"/> at <paramref name="partPath"/> cannot be kept, or null when it is sound.</summary>
    public static string? Problem(string fingerprint, RunSpec run, string partPath)
    {
        string recordPath = PathOf(partPath);
        if (!File.Exists(recordPath)) return "no checksum record";
        PartRecord record;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(recordPath));
            JsonElement r = doc.RootElement;
            record = new PartRecord(r.GetProperty("fingerprint").GetString() ?? "", r.GetProperty("run").GetString() ?? "",
                r.GetProperty("seed").GetUInt64(), r.GetProperty("rows").GetInt64(), r.GetProperty("sha256").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return "unreadable checksum record";
        }
        if (record.Fingerprint != fingerprint) return "from another plan";
        if (record.Run != run.Id || record.Seed != run.Seed) return "made for another run";
        if (new FileInfo(partPath).Length == 0) return "empty";
        (long rows, string sha) = Measure(partPath);
        if (rows != record.Rows) return string.Create(CultureInfo.InvariantCulture, $"{rows} of {record.Rows} rows");
        if (sha != record.Sha256) return "checksum mismatch";
        return null;
    }
}
