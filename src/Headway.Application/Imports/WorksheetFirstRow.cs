using System.Buffers;

namespace Headway.Application.Imports;

/// <summary>
/// A worksheet's first row as its element tags go by (<see cref="XmlPartScan"/>): the column of the last cell
/// with a value, which is how wide the header is before a parser has read anything.
/// </summary>
internal sealed class WorksheetFirstRow
{
    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>"u8);

    private bool _inFirstRow;
    private int _column;
    private bool _inCell;

    /// <summary>Whether the first row is behind (or there was none): no element matters any more.</summary>
    public bool Done { get; private set; }

    public int HeaderWidth { get; private set; }

    public void Started(ReadOnlySpan<byte> name, ReadOnlySpan<byte> tag, bool empty)
    {
        if (name.SequenceEqual("row"u8))
        {
            if (_inFirstRow)
            {
                Done = true;
                return;
            }

            // A sheet whose first row is not row 1 has an empty header.
            _inFirstRow = true;
            var r = Attribute(tag, "r"u8);
            Done = empty || (!r.IsEmpty && !r.SequenceEqual("1"u8));
        }
        else if (_inFirstRow && name.SequenceEqual("c"u8))
        {
            _column = ColumnOf(Attribute(tag, "r"u8)) ?? _column + 1;
            _inCell = !empty;
        }
        else if (_inCell && (name.SequenceEqual("v"u8) || name.SequenceEqual("is"u8)))
        {
            HeaderWidth = Math.Max(HeaderWidth, _column);
        }
    }

    public void Closed(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("row"u8))
        {
            Done = true;
        }
        else if (name.SequenceEqual("c"u8))
        {
            _inCell = false;
        }
    }

    /// <summary>An attribute's value as kept (empty when absent or cut off).</summary>
    private static ReadOnlySpan<byte> Attribute(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> name)
    {
        var at = tag.IndexOfAny(NameEnd);
        while (at >= 0 && at < tag.Length)
        {
            var rest = tag[at..].TrimStart(" \t\r\n"u8);
            var equals = rest.IndexOf((byte)'=');
            if (equals <= 0)
            {
                return [];
            }

            var attribute = rest[..equals].TrimEnd(" \t\r\n"u8);
            var value = rest[(equals + 1)..].TrimStart(" \t\r\n"u8);
            if (value.IsEmpty || value[0] is not ((byte)'"' or (byte)'\''))
            {
                return [];
            }

            var close = value[1..].IndexOf(value[0]);
            if (close < 0)
            {
                return [];
            }

            if (attribute.SequenceEqual(name))
            {
                return value.Slice(1, close);
            }

            at = tag.Length - value.Length + close + 2;
        }

        return [];
    }

    /// <summary>The column of a cell reference such as "AB12" (A is 1), or null when there is none.</summary>
    private static int? ColumnOf(ReadOnlySpan<byte> reference)
    {
        var column = 0;
        foreach (var b in reference)
        {
            var letter = b | 0x20;
            if (letter is < 'a' or > 'z')
            {
                break;
            }

            column = Math.Min(column * 26 + letter - 'a' + 1, 1 << 20);
        }

        return column == 0 ? null : column;
    }
}
