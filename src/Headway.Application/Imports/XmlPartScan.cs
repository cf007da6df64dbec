using System.Buffers;
using System.Globalization;
using System.Text;
using Headway.Domain.Results;

namespace Headway.Application.Imports;

/// <summary>
/// Reads one XML part of a workbook as bytes, fed in pieces, without parsing it. It measures every tag and
/// every run of text between two element tags (comments, CDATA and entities included), since a parser holds
/// each whole in memory, and stops at the first that is too long. It also notes what the import must know
/// before a parser runs: in a worksheet, the column of the last cell with a value in the first row; in the
/// shared strings, the length of the longest string (the text of its <c>t</c> elements, phonetic guides left out).
/// The markup characters this looks for are ASCII, which never occur inside another UTF-8 character.
/// </summary>
internal sealed class XmlPartScan(string part, long maxTextBytes, int maxCellCharacters, bool worksheet, bool sharedStrings)
{
    private enum State { Text, Entity, Open, Tag, Quoted, Comment, CData, Instruction }

    /// <summary>Bytes kept of each element tag while its name or attributes matter: the name and the first attributes.</summary>
    private const int Kept = 128;

    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>"u8);

    private readonly byte[] _tag = new byte[Kept];
    private State _state = State.Text;
    private bool _started;
    private long _textBytes;
    private long _tagBytes;
    private int _kept;
    private byte _quote;
    private byte _last;
    private byte _beforeLast;
    private byte _lastTagByte;

    private readonly WorksheetFirstRow? _firstRow = worksheet ? new() : null;
    private readonly SharedStringLengths? _strings = sharedStrings ? new() : null;

    public Refusal? Failure { get; private set; }

    public int HeaderWidth => _firstRow?.HeaderWidth ?? 0;

    public long LongestSharedString => _strings?.Longest ?? 0;

    /// <summary>Whether element names matter: only until a worksheet's first row has been read, and in the shared strings.</summary>
    private bool Watching => _firstRow is { Done: false } || _strings is not null;

    public void Fail(Refusal refusal) => Failure ??= refusal;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (!_started)
        {
            _started = true;
            if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            {
                Fail(Unreadable($"the part {part} is UTF-16 text; workbooks are read as UTF-8."));
                return;
            }
        }

        while (!bytes.IsEmpty && Failure is null)
        {
            bytes = _state switch
            {
                State.Text => Text(bytes),
                State.Entity => Entity(bytes),
                State.Open => Open(bytes),
                State.Tag => Tag(bytes),
                State.Quoted => Quoted(bytes),
                _ => Until(bytes),
            };
        }
    }

    private ReadOnlySpan<byte> Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'<', (byte)'&');
        var text = end < 0 ? bytes : bytes[..end];
        AddText(text.Length, CountsCharacters ? Encoding.UTF8.GetCharCount(text) : 0);
        if (end < 0)
        {
            return [];
        }

        if (bytes[end] == '&')
        {
            // An entity is one character however it is written.
            AddText(1, 1);
            _state = State.Entity;
        }
        else
        {
            _tagBytes = 1;
            _kept = 0;
            Keep((byte)'<');
            // Nearly every tag is an element's: straight to its end, unless it may be a comment, CDATA or the like.
            _state = end + 1 < bytes.Length && bytes[end + 1] is not ((byte)'!' or (byte)'?' or (byte)'>') ? State.Tag : State.Open;
            _lastTagByte = (byte)'<';
        }

        return bytes[(end + 1)..];
    }

    private ReadOnlySpan<byte> Entity(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)';');
        AddText(end < 0 ? bytes.Length : end + 1, 0);
        if (end < 0)
        {
            return [];
        }

        _state = State.Text;
        return bytes[(end + 1)..];
    }

    /// <summary>After '&lt;': decides from the next bytes what kind of markup this is.</summary>
    private ReadOnlySpan<byte> Open(ReadOnlySpan<byte> bytes)
    {
        var b = bytes[0];
        Keep(b);
        _tagBytes++;
        var kept = _tag.AsSpan(0, _kept);
        _last = _beforeLast = 0;
        _lastTagByte = b;
        if (kept.SequenceEqual("<?"u8))
        {
            _state = State.Instruction;
        }
        else if (kept.SequenceEqual("<!--"u8))
        {
            _state = State.Comment;
        }
        else if (kept.SequenceEqual("<![CDATA["u8))
        {
            _state = State.CData;
        }
        else if (!"<!--"u8.StartsWith(kept) && !"<![CDATA["u8.StartsWith(kept))
        {
            // A start or end tag, or a declaration such as a DOCTYPE (which the parser refuses anyway).
            _state = b == '>' ? State.Text : State.Tag;
            if (b == '>')
            {
                EndTag(selfClosing: false);
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                _quote = b;
                _state = State.Quoted;
            }
        }

        return bytes[1..];
    }

    private ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'>', (byte)'"', (byte)'\'');
        var taken = end < 0 ? bytes : bytes[..(end + 1)];
        var beforeEnd = end > 0 ? bytes[end - 1] : _lastTagByte;
        if (!AddTag(taken))
        {
            return [];
        }

        if (end < 0)
        {
            return [];
        }

        if (bytes[end] == '>')
        {
            _state = State.Text;
            EndTag(selfClosing: beforeEnd == '/');
        }
        else
        {
            _quote = bytes[end];
            _state = State.Quoted;
        }

        return bytes[(end + 1)..];
    }

    private ReadOnlySpan<byte> Quoted(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf(_quote);
        var taken = end < 0 ? bytes : bytes[..(end + 1)];
        if (!AddTag(taken) || end < 0)
        {
            return [];
        }

        _state = State.Tag;
        return bytes[(end + 1)..];
    }

    /// <summary>Inside a comment, CDATA section or processing instruction, up to its end ("--&gt;", "]]&gt;", "?&gt;").</summary>
    private ReadOnlySpan<byte> Until(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)'>');
        var upTo = end < 0 ? bytes.Length : end;
        var before = upTo >= 2 ? bytes[upTo - 2] : upTo == 1 ? _last : _beforeLast;
        var last = upTo >= 1 ? bytes[upTo - 1] : _last;
        var closed = end >= 0 && _state switch
        {
            State.Comment => before == '-' && last == '-',
            State.CData => before == ']' && last == ']',
            _ => last == '?',
        };
        var taken = end < 0 ? bytes : bytes[..(end + 1)];
        if (_state == State.CData)
        {
            // CDATA is text; its closing "]]>" is not, but three bytes do not matter here.
            AddText(taken.Length, CountsCharacters ? Encoding.UTF8.GetCharCount(taken) : 0);
        }
        else if (!AddTag(taken))
        {
            return [];
        }

        if (end < 0)
        {
            (_beforeLast, _last) = bytes.Length >= 2 ? (bytes[^2], bytes[^1]) : (_last, bytes[^1]);
            return [];
        }

        if (closed)
        {
            _state = State.Text;
        }
        else
        {
            (_beforeLast, _last) = (last, (byte)'>');
        }

        return bytes[(end + 1)..];
    }

    private bool CountsCharacters => _strings is { Counting: true };

    private void AddText(long bytes, long characters)
    {
        _textBytes += bytes;
        _strings?.Add(characters);
        if (_textBytes > maxTextBytes)
        {
            Fail(Refusal.Of(RefusalCodes.ImportCellTooLong, maxCellCharacters.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private bool AddTag(ReadOnlySpan<byte> bytes)
    {
        _tagBytes += bytes.Length;
        _lastTagByte = bytes.IsEmpty ? _lastTagByte : bytes[^1];
        if (_tagBytes > WorkbookParts.MaxTagBytes)
        {
            Fail(Unreadable($"the part {part} has markup longer than {WorkbookParts.MaxTagBytes} bytes."));
            return false;
        }

        if (Watching)
        {
            foreach (var b in bytes[..Math.Min(bytes.Length, Kept - _kept)])
            {
                Keep(b);
            }
        }

        return true;
    }

    private void Keep(byte b)
    {
        if (_kept < Kept)
        {
            _tag[_kept++] = b;
        }
    }

    /// <summary>An element tag ended: a new text run starts, and the element may matter.</summary>
    private void EndTag(bool selfClosing)
    {
        var tag = _tag.AsSpan(0, _kept);
        if (tag is [(byte)'<', (byte)'!', ..])
        {
            return;
        }

        _textBytes = 0;
        if (!Watching)
        {
            return;
        }

        var closing = tag is [_, (byte)'/', ..];
        var name = tag[(closing ? 2 : 1)..];
        var nameEnd = name.IndexOfAny(NameEnd);
        name = nameEnd < 0 ? name : name[..nameEnd];
        var colon = name.LastIndexOf((byte)':');
        var local = colon < 0 ? name : name[(colon + 1)..];
        if (closing)
        {
            Closed(local);
        }
        else
        {
            Started(local, tag, selfClosing);
        }
    }

    private void Started(ReadOnlySpan<byte> name, ReadOnlySpan<byte> tag, bool empty)
    {
        if (_firstRow is { Done: false })
        {
            _firstRow.Started(name, tag, empty);
        }

        if (!empty)
        {
            _strings?.Started(name);
        }
    }

    private void Closed(ReadOnlySpan<byte> name)
    {
        if (_firstRow is { Done: false })
        {
            _firstRow.Closed(name);
        }

        _strings?.Closed(name);
    }

    private static Refusal Unreadable(string why) => Refusal.Of(RefusalCodes.ImportUnreadable, why);
}
