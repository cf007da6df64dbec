using System.Text;

namespace Headway.Domain.Tenants;

/// <summary>Parses hashtags (#covid, #迁移, #Sicherheit) from note text.</summary>
public static class Hashtags
{
    /// <summary>The distinct tags of a text, lower case without '#', space separated; null when none.</summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var tags = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('#' or '＃') || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var sb = new StringBuilder();
            var j = i + 1;
            while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' or '-'))
            {
                sb.Append(char.ToLowerInvariant(text[j]));
                j++;
            }

            if (sb.Length > 0 && !tags.Contains(sb.ToString()))
            {
                tags.Add(sb.ToString());
            }

            i = j - 1;
        }

        return tags.Count == 0 ? null : string.Join(' ', tags);
    }
}
