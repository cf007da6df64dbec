using SQLitePCL;

namespace Headway.Application.Data;

/// <summary>
/// Process-wide settings of the SQLite library, made before the process opens its first connection. The bundled
/// library is built "serialized": every call on a connection, a row's every column read included, takes that
/// connection's mutex, and every allocation takes a global one to keep memory statistics. Headway never shares a
/// connection between threads at once (a context, and the pooled connection it holds, serves one request at a time),
/// so the connection mutexes guard nothing, and the statistics are never read; under load both cost CPU on every row
/// read, the global one also contention between requests. Multi-thread mode keeps SQLite's own shared state safe.
/// </summary>
public static class SqliteLibrary
{
    private const int ConfigMultiThread = 2;
    private const int ConfigMemoryStatistics = 9;

    private static readonly Lazy<bool> s_applied = new(Apply);

    /// <summary>Makes the settings once; false when the library was already in use (it then stays serialized, as built).</summary>
    public static bool Configure() => s_applied.Value;

    private static bool Apply()
    {
        Batteries_V2.Init();

        // Both are refused (SQLITE_MISUSE) once the library is initialised, that is after a first connection opened.
        var multiThread = raw.sqlite3_config(ConfigMultiThread) == raw.SQLITE_OK;
        var noStatistics = raw.sqlite3_config(ConfigMemoryStatistics, 0) == raw.SQLITE_OK;
        return multiThread && noStatistics;
    }
}
