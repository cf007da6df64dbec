using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Headway.NoteCoach;

/// <summary>
/// The <c>headway lint</c> stdin/stdout contract: JSON Lines in, one JSON line out per input
/// line, in the same order.
/// </summary>
/// <remarks>
/// Input fields: <c>id</c>, <c>text</c> (required), optional <c>l1</c>, <c>l2</c>,
/// <c>lang</c> ("auto" default, or a language under <c>Languages/</c>: "en", "zh", "de", "ja"), <c>tenant</c>, <c>workload</c>.
/// A malformed line yields <c>{"line": n, "error": "..."}</c> and processing goes on.
/// Pasted notes are found among the lines of one tenant that arrive <b>contiguously</b>:
/// a run of consecutive lines with the same <c>tenant</c> is checked together when the run
/// ends (another tenant, a line without tenant, a malformed line, or the end of input). A run
/// is cut after <see cref="MaxTenantRun"/> lines so memory stays flat whatever the input;
/// inputs should be sorted or grouped by tenant to get the full cross-workload check.
/// </remarks>
public static class JsonLinesLinter
{
    /// <summary>Longest run of one tenant's lines buffered before it is checked.</summary>
    public const int MaxTenantRun = 1000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>Reads JSON Lines from <paramref name="input"/> and writes one result line per input line to <paramref name="output"/>.</summary>
    /// <param name="input">JSON Lines, one note per line.</param>
    /// <param name="output">Receives one JSON object per line.</param>
    /// <param name="uiLanguage">Language of the messages: "en", "zh-Hans", "de", "ja".</param>
    public static void Run(TextReader input, TextWriter output, string uiLanguage)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var coach = Coach.Default;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        var run = new List<(string? Id, NoteInput Note)>();
        string? runTenant = null;
        var lineNumber = 0;
        byte[] bytes = [];
        char[] chars = [];

        // Writing UTF-8 to a UTF-8 stream (the command line's stdout), the JSON goes out as the writer made it, not
        // decoded to text and encoded again.
        var raw = output is StreamWriter { Encoding.CodePage: 65001 } utf8 && utf8.Encoding.Preamble.Length == 0 ? new BufferedStream(utf8.BaseStream, 1 << 16) : null;
        output.Flush();

        void Emit()
        {
            writer.Flush();
            var span = buffer.WrittenSpan;
            if (raw is not null)
            {
                raw.Write(span);
                raw.WriteByte((byte)'\n');
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                return;
            }

            if (chars.Length < span.Length)
            {
                chars = new char[Math.Max(span.Length, chars.Length * 2)];
            }

            var n = Encoding.UTF8.GetChars(span, chars);
            output.Write(chars, 0, n);
            output.Write('\n');
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        void FlushRun()
        {
            if (run.Count == 0)
            {
                return;
            }

            if (run.Count == 1)
            {
                WriteResult(writer, run[0].Id, coach.Analyze(run[0].Note), uiLanguage);
                Emit();
            }
            else
            {
                var notes = new NoteInput[run.Count];
                for (var i = 0; i < run.Count; i++)
                {
                    notes[i] = run[i].Note;
                }

                var results = coach.AnalyzeTenant(notes);
                for (var i = 0; i < run.Count; i++)
                {
                    WriteResult(writer, run[i].Id, results[i], uiLanguage);
                    Emit();
                }
            }

            run.Clear();
            runTenant = null;
        }

        // Reading a UTF-8 stream (the command line's stdin), each line's bytes are parsed as they came, not decoded
        // to text and encoded again.
        var lines = input is StreamReader { CurrentEncoding.CodePage: 65001 } reader ? new Utf8Lines(reader.BaseStream) : null;
        while (true)
        {
            ReadOnlySpan<byte> lineBytes;
            if (lines is not null)
            {
                if (!lines.TryRead(out lineBytes))
                {
                    break;
                }
            }
            else
            {
                if (input.ReadLine() is not { } line)
                {
                    break;
                }

                var max = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (bytes.Length < max)
                {
                    bytes = new byte[Math.Max(max, bytes.Length * 2)];
                }

                lineBytes = bytes.AsSpan(0, Encoding.UTF8.GetBytes(line, bytes));
            }

            lineNumber++;
            if (!TryParse(lineBytes, out var id, out var note, out var tenant, out var error))
            {
                FlushRun();
                writer.WriteStartObject();
                writer.WriteNumber("line", lineNumber);
                writer.WriteString("error", error);
                writer.WriteEndObject();
                Emit();
                continue;
            }

            if (tenant is null || tenant != runTenant || run.Count >= MaxTenantRun)
            {
                FlushRun();
            }

            if (tenant is null)
            {
                WriteResult(writer, id, coach.Analyze(note!), uiLanguage);
                Emit();
                continue;
            }

            runTenant = tenant;
            run.Add((id, note!));
        }

        FlushRun();
        raw?.Flush();
        output.Flush();
    }

    /// <summary>
    /// Writes one result object: <c>id, lang, grade, findings:[{code, severity, start, length, message, fix?}], suggested:{l1, l2, confidence}</c>.
    /// The HTTP endpoint returns the same object.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="id">The note id, or null.</param>
    /// <param name="result">The coach's result.</param>
    /// <param name="uiLanguage">Language of the messages.</param>
    public static void WriteResult(Utf8JsonWriter writer, string? id, CoachResult result, string uiLanguage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var coach = Coach.Default;
        writer.WriteStartObject();
        if (id is null)
        {
            writer.WriteNull("id");
        }
        else
        {
            writer.WriteString("id", id);
        }

        writer.WriteString("lang", result.Language);
        writer.WriteString("grade", GradeName(result.Grade));
        writer.WriteStartArray("findings");
        foreach (var f in result.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", f.Code);
            writer.WriteString("severity", SeverityName(f.Severity));
            writer.WriteNumber("start", f.Start);
            writer.WriteNumber("length", f.Length);
            writer.WriteString("message", coach.RenderMessage(f, uiLanguage));
            if (coach.RenderFix(f, uiLanguage) is { } fix)
            {
                writer.WriteString("fix", fix);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (result.Suggested is { } s)
        {
            writer.WriteStartObject("suggested");
            writer.WriteString("l1", s.L1);
            if (s.L2 is null)
            {
                writer.WriteNull("l2");
            }
            else
            {
                writer.WriteString("l2", s.L2);
            }

            writer.WriteNumber("confidence", s.Confidence);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("suggested");
        }

        writer.WriteEndObject();
    }

    private static string GradeName(Grade g) => g switch
    {
        Grade.Good => "Good",
        Grade.Insufficient => "Insufficient",
        _ => "Poor",
    };

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Info => "Info",
        Severity.Warning => "Warning",
        _ => "Error",
    };

    private static bool TryParse(ReadOnlySpan<byte> json, out string? id, out NoteInput? note, out string? tenant, out string error)
    {
        id = null;
        note = null;
        tenant = null;
        string? text = null, l1 = null, l2 = null, lang = null, workload = null;
        var hasText = false;
        if (json.Trim(" \t\r"u8).IsEmpty)
        {
            error = "empty line";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "line is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // The field names the contract knows are compared as bytes; only another name is read as text.
                var name = KnownField(ref reader) ?? reader.GetString();
                reader.Read();
                string? value = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Null:
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (name is "id" or "text" or "l1" or "l2" or "lang" or "tenant" or "workload")
                        {
                            error = $"field '{name}' must be a string";
                            return false;
                        }

                        reader.Skip();
                        continue;
                    default:
                        if (name is "id" && reader.TokenType == JsonTokenType.Number)
                        {
                            value = Encoding.UTF8.GetString(reader.ValueSpan);
                            break;
                        }

                        if (name is "id" or "text" or "l1" or "l2" or "lang" or "tenant" or "workload")
                        {
                            error = $"field '{name}' must be a string";
                            return false;
                        }

                        continue;
                }

                switch (name)
                {
                    case "id": id = value; break;
                    case "text": text = value; hasText = value is not null; break;
                    case "l1": l1 = value; break;
                    case "l2": l2 = value; break;
                    case "lang": lang = value; break;
                    case "tenant": tenant = value; break;
                    case "workload": workload = value; break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "trailing content after the JSON object";
                return false;
            }
        }
        catch (JsonException e)
        {
            error = $"invalid JSON: {e.Message}";
            return false;
        }

        if (!hasText)
        {
            error = "missing field 'text'";
            return false;
        }

        if (!string.IsNullOrEmpty(l1) && Taxonomy.L1Index(l1) < 0)
        {
            error = $"unknown l1 '{l1}'";
            return false;
        }

        if (!string.IsNullOrEmpty(l2) && Taxonomy.L2Index(l2) < 0)
        {
            error = $"unknown l2 '{l2}'";
            return false;
        }

        if (!string.IsNullOrEmpty(lang) && !Coach.Default.IsSupportedLanguage(lang))
        {
            error = $"unsupported lang '{lang}' (use auto, en, zh, de or ja)";
            return false;
        }

        note = new NoteInput(text!, NullIfEmpty(l1), NullIfEmpty(l2), NullIfEmpty(lang), NullIfEmpty(workload));
        error = "";
        return true;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string? KnownField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? "id"
        : reader.ValueTextEquals("text"u8) ? "text"
        : reader.ValueTextEquals("tenant"u8) ? "tenant"
        : reader.ValueTextEquals("workload"u8) ? "workload"
        : reader.ValueTextEquals("l1"u8) ? "l1"
        : reader.ValueTextEquals("l2"u8) ? "l2"
        : reader.ValueTextEquals("lang"u8) ? "lang"
        : null;
}

/// <summary>
/// Lines of a UTF-8 stream as bytes, without their line break ("\n" or "\r\n"), read through one buffer that grows
/// only for a line longer than it; a leading byte-order mark is skipped, as a text reader would.
/// </summary>
internal sealed class Utf8Lines(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            if (_first && (pending.Length >= 3 || _eof))
            {
                _first = false;
                if (pending.StartsWith("\uFEFF"u8))
                {
                    _start += 3;
                    continue;
                }
            }

            var newline = _first ? -1 : pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = pending[..newline];
                _start += newline + 1;
                line = line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
                return true;
            }

            if (_eof)
            {
                _start = _end;
                line = pending.Length > 0 && pending[^1] == '\r' ? pending[..^1] : pending;
                return pending.Length > 0;
            }

            // Keep the unfinished line at the front, grow for a line longer than the buffer, and read more.
            if (_start > 0)
            {
                pending.CopyTo(_buffer);
                _end = pending.Length;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _eof = read == 0;
            _end += read;
        }
    }
}
