using System.IO.Compression;
using System.Net.Http.Headers;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.ForumReport;

/// <summary>A hub started on a recorded forum day, and the bundle its moderator downloaded from it (shared by a test class).</summary>
public sealed class RecordedForumDay : IAsyncLifetime
{
    public HubApp App { get; private set; } = null!;
    public byte[] Zip { get; private set; } = [];
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var data = TempFolder.Create("forum-day");
        await ForumDay.RecordAsync(data);
        App = new HubApp(dataDirectory: data);
        var moderator = await App.LoginModeratorAsync();
        using var http = App.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", moderator.Token);
        using var response = await http.GetAsync("/api/reports/bundle.zip").WaitAsync(Timeouts.Heal);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Zip = await response.Content.ReadAsByteArrayAsync();
        Files.Clear();
        foreach (var (name, content) in Unzip(Zip)) Files[name] = content;
        // For a person to look at (and for docs/screenshots): EVENTHUB_REPORT_DUMP=folder keeps the unzipped bundle.
        if (Environment.GetEnvironmentVariable("EVENTHUB_REPORT_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var (name, content) in Files) await File.WriteAllBytesAsync(Path.Combine(dump, name), content);
        }
    }

    public static IEnumerable<(string Name, byte[] Content)> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (entry.FullName, copy.ToArray());
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
