namespace Headway.Web.Tests;

/// <summary>
/// What no compiler catches in the files the portal serves or reads: a merge left half done. A style sheet with a conflict
/// marker still loads, and the browser silently drops the rules next to it (the notification bell lost its layout so).
/// </summary>
public class SourceFilesTests
{
    [Fact]
    public void NoSourceFile_HoldsAMergeConflictMarker()
    {
        var root = RepositoryRoot.Find();
        string[] kinds = ["*.cs", "*.cshtml", "*.css", "*.js", "*.json", "*.md", "*.sh", "*.props", "*.csproj"];
        var marked = kinds.SelectMany(kind => Directory.EnumerateFiles(Path.Combine(root, "src"), kind, SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests"), kind, SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), kind, SearchOption.AllDirectories)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => l.Text.StartsWith("<<<<<<< ", StringComparison.Ordinal) || l.Text.StartsWith(">>>>>>> ", StringComparison.Ordinal)
                || (l.Text == "=======" && !l.File.EndsWith(".md", StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(root, l.File)}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(marked.Count == 0, string.Join("\n", marked));
    }
}
