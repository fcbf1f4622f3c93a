using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace CoProdSim.Tests.Fuzz;

/// <summary>
/// Mutations of well-formed inputs for property-based fuzzing: byte flips, truncations, duplications, deletions,
/// deep nesting, huge numbers, odd Unicode, tabs and YAML anchors, one to four at a time. Deterministic: the same
/// seed gives the same cases on every machine.
/// </summary>
internal static class FuzzHarness
{
    /// <summary>Fixed seed of every fuzz run, so a failure is the same failure on every machine.</summary>
    public const ulong Seed = 20240611;

    /// <summary>Longest time one case may take before it counts as a hang.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Cases per property; FUZZ_CASES raises it for a longer hunt.</summary>
    public static int Cases(int normal) => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out int n) && n > 0 ? n : normal;

    /// <summary>Snippets that have broken parsers and readers elsewhere.</summary>
    private static readonly string[] Odd =
    [
        "\uFEFF", "\u2028", "\u202E", "\u0000", "\t", "\r", "\r\n", "\u00A0", "\U0001F600", "é", "\uFFFD",
        "1e999999", "-1e999999", "99999999999999999999999999", "9007199254740993", "NaN", ".inf", "-.inf", "0x7fffffff", "1_000",
        "&a ", "*a", "<<: *a", "!!binary ", "!tag ", "? ", "---\n", "...\n", "%YAML 1.1\n", "|", ">", "\"", "'", "{", "}", "[", "]", ",", ": ", "- ", "#",
        "null", "~", "true", "yes", "\"\\u0000\"", "\"\\uD800\"",
    ];

    /// <summary>One mutation as a function of the input bytes and three random numbers.</summary>
    private static byte[] Mutate(byte[] b, int kind, int r1, int r2)
    {
        int n = b.Length;
        int at = n == 0 ? 0 : (int)((uint)r1 % (uint)(n + 1));
        int len = n == 0 ? 0 : 1 + (int)((uint)r2 % (uint)Math.Max(1, Math.Min(n - Math.Min(at, n), 200)));
        byte[] Insert(byte[] s) => [.. b.AsSpan(0, at), .. s, .. b.AsSpan(at)];
        switch (kind)
        {
            case 0: // flip a byte
                if (n == 0) return b;
                byte[] c = (byte[])b.Clone();
                c[Math.Min(at, n - 1)] ^= (byte)(1 << (r2 & 7));
                return c;
            case 1: // random byte
                if (n == 0) return b;
                byte[] d = (byte[])b.Clone();
                d[Math.Min(at, n - 1)] = (byte)r2;
                return d;
            case 2: // truncate
                return b[..at];
            case 3: // delete a slice
                return [.. b.AsSpan(0, at), .. b.AsSpan(Math.Min(n, at + len))];
            case 4: // duplicate a slice
                return Insert(b.AsSpan(at, Math.Min(len, n - at)).ToArray());
            case 5: // deep nesting, flow or block
                int depth = 10 + (int)((uint)r2 % 20_000);
                string nest = (r2 & 1) == 0 ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Range(0, Math.Min(depth, 3000)).Select(i => "\n" + new string(' ', i) + "- x:"));
                return Insert(Encoding.UTF8.GetBytes(nest));
            case 6: // odd text
                return Insert(Encoding.UTF8.GetBytes(Odd[(int)((uint)r2 % (uint)Odd.Length)]));
            case 7: // a huge number where a number may be
                return Insert(Encoding.UTF8.GetBytes(((uint)r2 % 3) switch { 0 => "1e308", 1 => new string('9', 400), _ => "-0.0000000000000000000001" }));
            case 8: // an invalid UTF-8 sequence
                return Insert(new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80 }[..(1 + (int)((uint)r2 % 7))]);
            default: // repeat the whole input (duplicate keys, sections, rows)
                return [.. b, .. b];
        }
    }

    /// <summary>Inputs: one of <paramref name="seeds"/> with one to four mutations.</summary>
    public static Arbitrary<byte[]> Mutants(IReadOnlyList<byte[]> seeds)
    {
        Gen<(int, int, int)> step = Gen.Choose(0, 9).SelectMany(k => Gen.Choose(int.MinValue, int.MaxValue), (k, a) => (k, a))
            .SelectMany(t => Gen.Choose(int.MinValue, int.MaxValue), (t, c) => (t.k, t.a, c));
        Gen<byte[]> gen =
            from s in Gen.Choose(0, seeds.Count - 1)
            from count in Gen.Choose(1, 4)
            from steps in Gen.ArrayOf(step, count)
            select steps.Aggregate(seeds[s], (acc, m) => Mutate(acc, m.Item1, m.Item2, m.Item3));
        return Arb.From(gen);
    }

    /// <summary>Checks <paramref name="property"/> on <paramref name="cases"/> mutants, deterministically, throwing on the first failure.</summary>
    public static void Check(IReadOnlyList<byte[]> seeds, int cases, Action<byte[]> property)
    {
        Config config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL | 1UL), FSharpOption<int>.None)));
        FsCheck.Check.One(config, Prop.ForAll(Mutants(seeds), input => WithTimeout(() => property(input), input)));
    }

    /// <summary>Runs one case with <see cref="CaseTimeout"/>: a case that does not finish is a hang.</summary>
    private static void WithTimeout(Action work, byte[] input)
    {
        Task task = Task.Run(work);
        bool finished;
        try
        {
            finished = task.Wait(CaseTimeout);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            // FUZZ_DUMP=DIR keeps each failing input, to be made into a regression case.
            if (Environment.GetEnvironmentVariable("FUZZ_DUMP") is { Length: > 0 } dump)
            {
                Directory.CreateDirectory(dump);
                File.WriteAllBytes(Path.Combine(dump, $"{ex.InnerExceptions[0].GetType().Name}-{Guid.NewGuid():N}.bin"), input);
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        if (!finished)
            throw new TimeoutException($"hang: a case took more than {CaseTimeout.TotalSeconds} s; input (base64): {Convert.ToBase64String(input.Length > 4096 ? input[..4096] : input)}");
    }
}
