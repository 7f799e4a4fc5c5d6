using System.Reflection;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>Where the repository, the silo build and the scratch folders are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the silo is started from the same configuration as this test assembly.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDirectory => Path.Combine(Root, "silo", "bin", Configuration, "net10.0");

    public static string SiloDll => Path.Combine(SiloDirectory, "OrleansStreams.Silo.dll");

    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "Scripts");

    /// <summary>A new empty folder of this run, removed by the caller.</summary>
    public static string NewScratchDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), "orleansstreams-it", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansStreams.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No OrleansStreams.sln above {AppContext.BaseDirectory}.");
    }
}
