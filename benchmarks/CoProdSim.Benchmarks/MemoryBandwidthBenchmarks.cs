using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CoProdSim.Benchmarks;

/// <summary>
/// This machine's memory bandwidth, STREAM-style (McCalpin 1995, "Memory bandwidth and machine balance in current
/// high performance computers", IEEE TCCA Newsletter): the triad a[i] = b[i] + s c[i] over three arrays of 64 MB
/// each (8M doubles, far larger than any last-level cache), on 1 and 2 threads, each thread a fixed contiguous
/// slice. Bytes are counted as STREAM counts them, 24 per element (read b and c, write a; the write-allocate read of
/// a is not counted). The GB/s column divides that by the mean time. docs/performance.md sets the model's bytes per
/// citizen-tick beside it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TriadConfig))]
public class MemoryBandwidthBenchmarks
{
    /// <summary>Elements per array: 8M doubles, 64 MB.</summary>
    public const int Elements = 8 * 1024 * 1024;

    /// <summary>Bytes a triad moves by STREAM's count.</summary>
    public const double BytesPerTriad = 3.0 * sizeof(double) * Elements;

    private double[] _a = [], _b = [], _c = [];
    private Thread[] _helpers = [];
    private Barrier? _start, _end;
    private volatile bool _stop;

    /// <summary>Threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Allocates and touches the arrays (so pages are mapped before timing) and starts the helper threads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = GC.AllocateUninitializedArray<double>(Elements, pinned: true);
        _b = GC.AllocateUninitializedArray<double>(Elements, pinned: true);
        _c = GC.AllocateUninitializedArray<double>(Elements, pinned: true);
        Array.Fill(_a, 0.0);
        Array.Fill(_b, 1.0);
        Array.Fill(_c, 2.0);
        // Persistent helpers, as the scheduler's: a task per iteration would time thread start-up, not memory.
        _start = new Barrier(Threads);
        _end = new Barrier(Threads);
        _helpers = new Thread[Threads - 1];
        for (int t = 1; t < Threads; t++)
        {
            int slice = t;
            _helpers[t - 1] = new Thread(() =>
            {
                while (true)
                {
                    _start.SignalAndWait();
                    if (_stop) return;
                    Triad(slice);
                    _end.SignalAndWait();
                }
            }) { IsBackground = true };
            _helpers[t - 1].Start();
        }
    }

    /// <summary>One triad over all 8M elements.</summary>
    [Benchmark]
    public double Triad()
    {
        if (Threads > 1) _start!.SignalAndWait();
        Triad(0);
        if (Threads > 1) _end!.SignalAndWait();
        return _a[Elements - 1];
    }

    private void Triad(int slice)
    {
        const double s = 3.0;
        int first = (int)((long)Elements * slice / Threads), last = (int)((long)Elements * (slice + 1) / Threads);
        Span<double> a = _a.AsSpan(first, last - first);
        ReadOnlySpan<double> b = _b.AsSpan(first, last - first), c = _c.AsSpan(first, last - first);
        // Vectorised, so that one core is limited by memory rather than by issuing scalar instructions.
        Span<Vector<double>> av = MemoryMarshal.Cast<double, Vector<double>>(a);
        ReadOnlySpan<Vector<double>> bv = MemoryMarshal.Cast<double, Vector<double>>(b), cv = MemoryMarshal.Cast<double, Vector<double>>(c);
        var sv = new Vector<double>(s);
        for (int i = 0; i < av.Length; i++) av[i] = bv[i] + sv * cv[i];
        for (int i = av.Length * Vector<double>.Count; i < a.Length; i++) a[i] = b[i] + s * c[i];
    }

    /// <summary>Ends the helper threads.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        if (Threads > 1) _start!.SignalAndWait();
        foreach (Thread helper in _helpers) helper.Join();
        _start?.Dispose();
        _end?.Dispose();
    }

    private sealed class TriadConfig : ManualConfig
    {
        public TriadConfig() => AddColumn(new BandwidthColumn());
    }

    /// <summary>STREAM's bytes divided by the mean time, in GB/s (10^9 bytes).</summary>
    private sealed class BandwidthColumn : IColumn
    {
        public string Id => "TriadGBps";
        public string ColumnName => "GB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "STREAM triad bandwidth: 24 bytes per element / mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (BytesPerTriad / meanNs.Value).ToString("F1", CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
