using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// What is checked about a scenario file's text before the YAML parser builds a tree from it: its size, its
/// encoding (UTF-8, with or without a byte-order mark), how deep it nests, and where a tab is used to indent.
/// </summary>
public static class ScenarioText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="path"/>; refuses a longer file without reading it all.</summary>
    /// <exception cref="ScenarioException">when the file is longer than <paramref name="limit"/>.</exception>
    public static byte[] ReadCapped(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        // A device or a pipe has no length: read up to the limit and one byte more, whatever the length says.
        if (stream.CanSeek && stream.Length > limit) throw new ScenarioException(new ScenarioError(path, 0, 0, TooBig(stream.Length, limit)));
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) throw new ScenarioException(new ScenarioError(path, 0, 0, TooBig(-1, limit)));
        }
        return buffer.ToArray();
    }

    /// <summary>The message for a file over the size limit.</summary>
    public static string TooBig(long length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the file is {(length < 0 ? "longer than that" : $"{length:N0} bytes")}: a scenario file may be at most {limit:N0} bytes ({limit / (1024 * 1024)} MiB); scenario files are a few kilobytes: is this the right file?");

    /// <summary>
    /// The text of a scenario file: UTF-8, with its byte-order mark (if any) dropped. Refuses UTF-16 and UTF-32 (by
    /// their byte-order marks or NUL bytes) and bytes that are not UTF-8, saying where.
    /// </summary>
    /// <exception cref="ScenarioException">when the bytes are not UTF-8 text.</exception>
    public static string Decode(byte[] bytes, string file)
    {
        ReadOnlySpan<byte> b = bytes;
        string? encoding = b switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] or [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32",
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => "UTF-16",
            _ => null,
        };
        if (encoding is not null)
            throw new ScenarioException(new ScenarioError(file, 0, 0, $"the file is {encoding} text (it starts with a {encoding} byte-order mark); scenario files are UTF-8: save it as UTF-8"));
        if (b is [0xEF, 0xBB, 0xBF, ..]) b = b[3..];
        int nul = b.IndexOf((byte)0);
        if (nul >= 0)
        {
            (int line, int column) = Position(b, nul);
            throw new ScenarioException(new ScenarioError(file, line, column, "the file holds a NUL byte: it is not UTF-8 text (UTF-16 without a byte-order mark, or a binary file?); save it as UTF-8"));
        }
        try
        {
            return StrictUtf8.GetString(b);
        }
        catch (DecoderFallbackException ex)
        {
            int at = Math.Clamp(ex.Index, 0, b.Length);
            (int line, int column) = Position(b, at);
            throw new ScenarioException(new ScenarioError(file, line, column, $"the file is not valid UTF-8 here (byte {at + 1}); save it as UTF-8"));
        }
    }

    /// <summary>Line and column (from 1, counting characters) of byte <paramref name="index"/>.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> b, int index)
    {
        ReadOnlySpan<byte> before = b[..index];
        int line = before.Count((byte)'\n') + 1;
        int start = before.LastIndexOf((byte)'\n') + 1;
        int column = 1;
        // A UTF-8 character's continuation bytes (10xxxxxx) do not start a column.
        for (int i = start; i < index; i++) if ((b[i] & 0xC0) != 0x80) column++;
        return (line, column);
    }

    /// <summary>
    /// Where the nesting of lists and mappings first goes deeper than <paramref name="maxDepth"/>, read from the
    /// parser's flat event stream (which does not recurse), or null.
    /// </summary>
    /// <exception cref="YamlException">when the text is not well-formed YAML.</exception>
    public static Mark? TooDeep(string text, int maxDepth) => TooBigTree(text, maxDepth, int.MaxValue)?.At;

    /// <summary>
    /// Where the nesting of lists and mappings first goes deeper than <paramref name="maxDepth"/>, or a mapping first
    /// has more than <paramref name="maxKeys"/> keys (the YAML library builds a large mapping in more than linear
    /// time), read from the parser's flat event stream (which does not recurse); null when neither happens.
    /// </summary>
    /// <exception cref="YamlException">when the text is not well-formed YAML.</exception>
    public static (Mark At, bool Deep)? TooBigTree(string text, int maxDepth, int maxKeys)
    {
        var parser = new Parser(new StringReader(text));
        // Per open collection: -1 for a list, else the mapping's count of keys and values so far.
        var open = new Stack<int>();
        Mark last = Mark.Empty;
        while (NextEvent(parser, last))
        {
            ParsingEvent e = parser.Current!;
            last = e.Start;
            if (e is MappingEnd or SequenceEnd)
            {
                open.Pop();
                continue;
            }
            if (open.Count > 0 && open.Peek() >= 0)
            {
                int entries = open.Pop() + 1;
                open.Push(entries);
                if (entries / 2 >= maxKeys && entries % 2 == 1) return (e.Start, false);
            }
            if (e is MappingStart or SequenceStart)
            {
                if (open.Count >= maxDepth) return (e.Start, true);
                open.Push(e is MappingStart ? 0 : -1);
            }
        }
        return null;
    }

    /// <summary>
    /// Moves to the next event. The YAML library can fail on some malformed text with an exception other than
    /// <see cref="YamlException"/> (an unclosed flow mapping at the end of the file): that becomes a YAML error
    /// at the last event read.
    /// </summary>
    private static bool NextEvent(Parser parser, Mark last)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new YamlException(last, last, "the YAML reader cannot read past this point: is a bracket, brace or quote left open?", ex);
        }
    }

    /// <summary>The first tab in a line's indentation (YAML indents with spaces only), or null.</summary>
    public static Mark? IndentingTab(string text)
    {
        int line = 1, start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            for (int i = start; i < end && text[i] is ' ' or '\t'; i++)
            {
                if (text[i] == '\t') return new Mark(i, line, i - start + 1);
            }
            line++;
            start = end + 1;
        }
        return null;
    }
}
