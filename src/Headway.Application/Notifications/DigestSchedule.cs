using Microsoft.Extensions.Configuration;

namespace Headway.Application.Notifications;

/// <summary>
/// When digests go out (section <c>Email:Digest</c>): from <see cref="HourUtc"/> on, checked every
/// <see cref="CheckEvery"/> by each web node; a failed send is tried again after <see cref="RetryAfter"/>.
/// </summary>
public sealed record DigestSchedule(int HourUtc, TimeSpan CheckEvery, TimeSpan RetryAfter, string Node)
{
    public const string Section = "Email:Digest";

    public static DigestSchedule From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var node = section["Node"] is { Length: > 0 } n ? n : $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        return new DigestSchedule(
            section.GetValue("HourUtc", 6),
            section.GetValue("CheckEvery", TimeSpan.FromMinutes(5)),
            section.GetValue("RetryAfter", TimeSpan.FromMinutes(15)),
            node.Length > 100 ? node[..100] : node);
    }

    /// <summary>What is wrong with the settings, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HourUtc is < 0 or > 23)
        {
            problems.Add($"{Section}:HourUtc must be an hour from 0 to 23 (UTC); it is {HourUtc}.");
        }

        if (CheckEvery < TimeSpan.FromSeconds(1) || CheckEvery > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:CheckEvery must be between 00:00:01 and 01:00:00; it is {CheckEvery}.");
        }

        if (RetryAfter < TimeSpan.Zero)
        {
            problems.Add($"{Section}:RetryAfter must not be negative; it is {RetryAfter}.");
        }

        return problems;
    }
}
