namespace Headway.Application.Data;

/// <summary>
/// Checks, before SQLite opens a database, that the file, its write-ahead log and shared-memory files and their
/// folder can all be written. SQLite itself would open a read-only file read-only and create a read-only
/// <c>-shm</c> beside it, which then keeps the database failing even after the file is made writable; starting
/// with a message that names the file and the fix is kinder.
/// </summary>
public static class SqliteFiles
{
    /// <summary>Throws <see cref="DatabaseFileException"/> naming the first file or folder that cannot be written.</summary>
    public static void EnsureWritable(string databaseFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!;
        if (!FolderWritable(folder))
        {
            throw new DatabaseFileException(folder,
                $"The folder '{folder}' of the database cannot be written. Make it writable by the user that runs Headway (for example chmod u+w '{folder}') and start again.");
        }

        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            if (File.Exists(file) && !FileWritable(file))
            {
                var fix = file.EndsWith("-shm", StringComparison.Ordinal)
                    ? $"It is rebuilt when missing: delete it (rm '{file}') or make it writable (chmod u+w '{file}'), then start again."
                    : $"Make it writable by the user that runs Headway (for example chmod u+w '{file}'; check 'lsattr' for an immutable flag) and start again.";
                throw new DatabaseFileException(file, $"The database file '{file}' cannot be written. {fix}");
            }
        }
    }

    private static bool FileWritable(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static bool FolderWritable(string folder)
    {
        var probe = Path.Combine(folder, $".headway-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}

/// <summary>The database file or its folder cannot be used; the message names it and says what to do.</summary>
public sealed class DatabaseFileException(string path, string message) : Exception(message)
{
    /// <summary>The file or folder at fault.</summary>
    public string Path { get; } = path;
}
