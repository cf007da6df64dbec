namespace Headway.Application.Data;

/// <summary>An administrator-defined L3 value under an L2.</summary>
public sealed class L3Value
{
    public long Id { get; set; }
    public required string L2 { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}
