using System.Text.Json;
using System.Text.Json.Serialization;

namespace Headway.Application.Demo;

/// <summary>The phrase bank the demo data is drawn from (Demo/Data/demo-content.json), in en, zh, de and ja.</summary>
internal sealed class DemoContent
{
    [JsonPropertyName("statusNotes")]
    public required Dictionary<string, Dictionary<string, NotesByQuality>> StatusNotes { get; init; }

    [JsonPropertyName("overallNotes")]
    public required Dictionary<string, List<OverallNoteSample>> OverallNotes { get; init; }

    [JsonPropertyName("companies")]
    public required Dictionary<string, CompanyParts> Companies { get; init; }

    /// <summary>The next action written on an edit that has one, per language.</summary>
    [JsonPropertyName("nextActions")]
    public required Dictionary<string, string> NextActions { get; init; }

    [JsonPropertyName("people")]
    public required Dictionary<string, List<string>> People { get; init; }

    [JsonPropertyName("summaries")]
    public required Dictionary<string, SummaryParts> Summaries { get; init; }

    /// <summary>What a regional manager writes when asking for an executive summary, per language.</summary>
    [JsonPropertyName("summaryRequests")]
    public required Dictionary<string, List<string>> SummaryRequests { get; init; }

    public static DemoContent Load()
    {
        const string name = "Headway.Application.Demo.demo-content.json";
        using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize<DemoContent>(stream) ?? throw new InvalidOperationException("Empty demo content.");
    }

    internal sealed class NotesByQuality
    {
        [JsonPropertyName("good")]
        public List<string> Good { get; init; } = [];

        [JsonPropertyName("insufficient")]
        public List<string> Insufficient { get; init; } = [];

        [JsonPropertyName("poor")]
        public List<string> Poor { get; init; } = [];
    }

    internal sealed class OverallNoteSample
    {
        [JsonPropertyName("type")]
        public string Type { get; init; } = "EngagementManagement";

        [JsonPropertyName("text")]
        public string Text { get; init; } = "";

        [JsonPropertyName("nextAction")]
        public string? NextAction { get; init; }
    }

    internal sealed class SummaryParts
    {
        [JsonPropertyName("descriptions")]
        public List<string> Descriptions { get; init; } = [];

        [JsonPropertyName("relationships")]
        public List<string> Relationships { get; init; } = [];

        [JsonPropertyName("support")]
        public List<string> Support { get; init; } = [];

        [JsonPropertyName("risks")]
        public List<string> Risks { get; init; } = [];
    }

    internal sealed class CompanyParts
    {
        [JsonPropertyName("stems")]
        public List<string> Stems { get; init; } = [];

        [JsonPropertyName("suffixes")]
        public List<string> Suffixes { get; init; } = [];

        [JsonPropertyName("brandStems")]
        public List<string> BrandStems { get; init; } = [];

        /// <summary>Words that keep the names of a large portfolio apart (a region, "Group"), as the language writes them.</summary>
        [JsonPropertyName("branches")]
        public List<string> Branches { get; init; } = [];
    }
}
