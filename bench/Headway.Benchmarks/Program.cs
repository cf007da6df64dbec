using BenchmarkDotNet.Running;

// `import-file PATH TENANTS` writes the import benchmark's input, CSV or, for a path ending in .xlsx, a workbook as the
// export writes one (see bench/import.sh); anything else runs BenchmarkDotNet.
if (args is ["import-file", var path, var tenants])
{
    Headway.Benchmarks.Import.ImportFileGenerator.Write(path, int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

// `load BASE_URL PORTAL_PID [CONNECTIONS] [READ_SECONDS] [WRITE_SECONDS]` runs the load test (see bench/load.sh).
if (args is ["load", var url, var pid, ..] && args.Length <= 6)
{
    var n = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 32;
    var read = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 30;
    var write = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 60;
    return await Headway.Benchmarks.Load.LoadTest.RunAsync(new Uri(url), int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), n, read, write);
}

// `webhooks BASE_URL [CHANGES_PER_SECOND] [SECONDS] [CONNECTIONS] [bulk]` and `feed BASE_URL` run the integration benchmarks (see bench/webhooks.sh).
if (args is ["webhooks", var hooksUrl, ..] && args.Length <= 6)
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await Headway.Benchmarks.Load.FeedBench.WebhooksAsync(new Uri(hooksUrl), Arg(2, 500), Arg(3, 30), Arg(4, 32),
        bulk: args.Length > 5 && args[5] == "bulk");
}

if (args is ["feed", var feedUrl])
{
    return await Headway.Benchmarks.Load.FeedBench.FeedAsync(new Uri(feedUrl));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
