namespace EventHub.Tests.Infrastructure;

public static class TempFolder
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "eventhub-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Every await in a test has a bound, so a hang fails the test instead of the CI run.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Heal = TimeSpan.FromSeconds(30);
}

/// <summary>Waits for something the system does on its own time (a heal, a beacon), within <see cref="Timeouts.Heal"/>.</summary>
public static class Eventually
{
    public static Task That(Func<bool> condition) => That(() => Task.FromResult(condition()));

    public static async Task That(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeouts.Heal;
        while (!await condition().WaitAsync(Timeouts.Call))
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}

/// <summary>Finds the repository root (the folder holding EventHub.sln) from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EventHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("EventHub.sln not found above " + AppContext.BaseDirectory);
    }
}

public static class CommandId
{
    public static string New() => Guid.NewGuid().ToString("N");
}
