using Microsoft.Data.Sqlite;

namespace Headway.Application.Data;

/// <summary>
/// A consistent copy of a live SQLite database through SQLite's online backup API: the copy is the database as of one moment
/// (committed transactions only), taken while the portal keeps reading and writing. It is written next to the target and moved
/// into place only once complete and checked, so a failed backup never leaves a half-written file under the target's name.
/// </summary>
public static class SqliteBackup
{
    /// <summary>What was copied: the file written and its size.</summary>
    public sealed record Copy(string File, long Bytes);

    /// <exception cref="IOException">The target exists already (backups are never overwritten) or cannot be written.</exception>
    /// <exception cref="InvalidDataException">The copy failed SQLite's integrity check (it is deleted).</exception>
    public static async Task<Copy> RunAsync(string sourceFile, string target, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new IOException($"{full} exists already; a backup never overwrites a file.");
        }

        if (!File.Exists(sourceFile))
        {
            throw new FileNotFoundException($"There is no database at {sourceFile}.", sourceFile);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        File.Delete(partial);
        try
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = sourceFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using (var source = new SqliteConnection(readOnly.ToString()))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await copy.OpenAsync(ct);
                source.BackupDatabase(copy);
                await using var check = copy.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                if (await check.ExecuteScalarAsync(ct) is not "ok")
                {
                    throw new InvalidDataException("The copy failed SQLite's integrity check.");
                }

                // One file, whatever journal mode the source uses: the copy needs no -wal beside it.
                await using var checkpoint = copy.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync(ct);
            }

            File.Move(partial, full);
            return new Copy(full, new FileInfo(full).Length);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partial + "-wal");
            File.Delete(partial + "-shm");
        }
    }
}
