namespace LlmClient.Analyzers.Tests.EndToEnd;

/// <summary>The repository this test assembly was built from: the nearest folder above it holding Analyzers.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "Analyzers.sln";

    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains {SolutionFileName}.");
    }
}
