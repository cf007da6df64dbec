namespace Headway.Web.Tests;

/// <summary>
/// Tests that count Headway's metrics, whose meter is one per process: they run after the parallel collections, alone,
/// so that no other test class's portal moves the counters they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
