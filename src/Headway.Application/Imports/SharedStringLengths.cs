namespace Headway.Application.Imports;

/// <summary>
/// The shared strings part as its element tags go by (<see cref="XmlPartScan"/>): the length of the longest
/// string, counted in the text of its <c>t</c> elements with phonetic guides (<c>rPh</c>) left out.
/// </summary>
internal sealed class SharedStringLengths
{
    private bool _inItem;
    private bool _inText;
    private int _phonetic;
    private long _itemCharacters;

    public long Longest { get; private set; }

    /// <summary>Whether text now belongs to a string's length.</summary>
    public bool Counting => _inItem && _inText && _phonetic == 0;

    public void Add(long characters) => _itemCharacters += characters;

    public void Started(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("si"u8))
        {
            _inItem = true;
            _itemCharacters = 0;
        }
        else if (name.SequenceEqual("rPh"u8))
        {
            _phonetic++;
        }
        else if (name.SequenceEqual("t"u8))
        {
            _inText = true;
        }
    }

    public void Closed(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("si"u8))
        {
            Longest = Math.Max(Longest, _itemCharacters);
            _inItem = false;
        }
        else if (name.SequenceEqual("rPh"u8))
        {
            _phonetic = Math.Max(0, _phonetic - 1);
        }
        else if (name.SequenceEqual("t"u8))
        {
            _inText = false;
        }
    }
}
