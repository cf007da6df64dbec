namespace Headway.Application.Imports;

/// <summary>
/// How much an import file may hold, from the configuration section <c>Import</c>. Each limit exceeded is a
/// refusal with its own code, never an exception or a server that runs out of memory (docs/import.md).
/// </summary>
public sealed record ImportLimits
{
    public const string Section = "Import";

    /// <summary>The largest upload the web layer accepts (bytes).</summary>
    public long MaxUploadBytes { get; init; } = 512L << 20;

    /// <summary>
    /// The most a part of a workbook (a sheet, the shared strings) may unpack to (bytes). A sheet of a million
    /// exported rows unpacks to 0.8 GB with ten columns filled and 1.8 GB with all 22. Memory does not
    /// depend on it (parts are streamed); the time spent reading does.
    /// </summary>
    public long MaxPartBytes { get; init; } = 4L << 30;

    /// <summary>The most characters a cell may hold: Excel's own limit.</summary>
    public int MaxCellCharacters { get; init; } = 32_767;

    /// <summary>The most rows after the header, empty rows included.</summary>
    public int MaxRows { get; init; } = 2_000_000;

    /// <summary>
    /// The widest header a workbook may have: every row of a sheet is read as wide as its header, and reading a
    /// row costs more than in proportion to its width.
    /// </summary>
    public int MaxColumns { get; init; } = 64;

    public static ImportLimits Default { get; } = new();

    /// <summary>The limits configuration sets, checked (the portal's upload limit and the importer read the same).</summary>
    public static ImportLimits From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        (Microsoft.Extensions.Configuration.ConfigurationBinder.Get<ImportLimits>(configuration.GetSection(Section)) ?? Default).Validated();

    /// <summary>Throws when a configured value cannot be a limit, so a typo stops the start-up instead of every import.</summary>
    public ImportLimits Validated()
    {
        if (MaxUploadBytes <= 0 || MaxPartBytes <= 0 || MaxCellCharacters <= 0 || MaxRows <= 0 || MaxColumns <= 0)
        {
            throw new InvalidOperationException($"Every value of the '{Section}' configuration section must be positive: {this}.");
        }

        return this;
    }
}
