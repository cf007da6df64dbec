using BenchmarkDotNet.Running;

// `import-file PATH TENANTS` writes the import benchmark's input (see bench/import.sh); anything else runs BenchmarkDotNet.
if (args is ["import-file", var path, var tenants])
{
    Headway.Benchmarks.Import.ImportFileGenerator.Write(path, int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
