using System.Text.Json;
using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;

namespace EventHub.Tests.Durability;

/// <summary>Invariant 2 on the embedded default: acknowledged means durable, through kill -9 and a restart.</summary>
public sealed class DurabilityTests : IDisposable
{
    readonly string _data = TempFolder.Create("durable");

    Dictionary<string, string> Environment => new() { ["EventHub__DataDirectory"] = _data };

    [Fact]
    public async Task HubKilledHard_MidStream_LosesNoAcknowledgedEvent_AndKeepsItsCredentials()
    {
        var port = HubProcess.FreePort();
        var acknowledged = new List<(string Site, CommandResult Result)>();
        string moderatorKey;

        await using (var hub = HubProcess.Start(Environment, port))
        {
            await hub.WaitReadyAsync();
            moderatorKey = ReadCredentials().GetProperty("moderatorKey").GetString()!;
            using var http = new HttpClient();
            var login = await HubLogin.LoginAsync(http, hub.BaseAddress, new LoginRequest("moderator", moderatorKey));
            await using var moderator = new ForumClient(new ForumClientOptions
            {
                HubUrl = hub.HubUrl, AccessToken = () => Task.FromResult<string?>(login.Token),
            });
            await moderator.StartAsync().WaitAsync(Timeouts.Call);

            // Eight writers at once, then the kill lands while commands are still in flight.
            var sites = ReadCredentials().GetProperty("sites").EnumerateObject().Select(p => p.Name).ToList();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < sites.Count && !stop.IsCancellationRequested; i += 8)
                {
                    try
                    {
                        var result = await moderator.SendAsync(HubMethods.CheckIn,
                            new CheckInRequest(CommandId.New(), sites[i], "Trưởng đoàn", 10 + i), stop.Token);
                        if (result.Ok) lock (acknowledged) acknowledged.Add((sites[i], result));
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            })).ToList();

            while (acknowledged.Count < 20) await Task.Delay(5);
            hub.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(Timeouts.Call);
        }

        await using var restarted = HubProcess.Start(Environment, port);
        await restarted.WaitReadyAsync();
        Assert.Equal(moderatorKey, ReadCredentials().GetProperty("moderatorKey").GetString());

        using var http2 = new HttpClient();
        var again = await HubLogin.LoginAsync(http2, restarted.BaseAddress, new LoginRequest("moderator", moderatorKey));
        await using var client = new ForumClient(new ForumClientOptions
        {
            HubUrl = restarted.HubUrl, AccessToken = () => Task.FromResult<string?>(again.Token),
        });
        var seqs = new List<long>();
        client.EventApplied += e => seqs.Add(e.Envelope.Seq);
        await client.StartAsync().WaitAsync(Timeouts.Call);
        var maxAcknowledged = acknowledged.Max(a => a.Result.LastSeq);
        await client.WaitForSeqAsync(maxAcknowledged).WaitAsync(Timeouts.Call);

        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs); // 1..N, no gap, no repeat
        foreach (var (site, result) in acknowledged)
            Assert.True(client.Forum.State.Attendance.Site(site).CheckedIn, $"{site} (seq {result.LastSeq}) was acknowledged but is lost");
    }

    [Fact]
    public async Task CorruptLog_TheHubRefusesToStart_NamingTheFileAndLine()
    {
        await using (var hub = HubProcess.Start(Environment))
            await hub.WaitReadyAsync();
        var log = Directory.GetFiles(Path.Combine(_data, "forums"), "*.log").Single();
        var lines = File.ReadAllLines(log).ToList();
        lines.Insert(1, "{\"seq\": this is not json");
        lines.Add("{\"seq\":99}");
        File.WriteAllLines(log, lines);

        await using var broken = HubProcess.Start(Environment);
        var exit = await broken.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(2, exit);
        Assert.Contains("line 2", broken.Output);
        Assert.Contains(Path.GetFileName(log), broken.Output);
        Assert.DoesNotContain("   at ", broken.Output); // a message, not a stack trace
    }

    [Fact]
    public async Task TruncatedCredentials_TheHubRefusesToStartInsteadOfMintingNewKeys()
    {
        await using (var hub = HubProcess.Start(Environment))
            await hub.WaitReadyAsync();
        var path = Path.Combine(_data, "credentials.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);

        await using var broken = HubProcess.Start(Environment);
        var exit = await broken.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(2, exit);
        Assert.Contains("credentials.json", broken.Output);
        Assert.Equal(text[..(text.Length / 2)], File.ReadAllText(path));
    }

    [Fact]
    public async Task BadSeeds_TheHubRefusesToStart_NamingTheFileAndLine()
    {
        var seeds = TempFolder.Create("seeds");
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "seeds"))) File.Copy(file, Path.Combine(seeds, Path.GetFileName(file)));
        var lines = File.ReadAllLines(Path.Combine(seeds, "sites.csv"));
        lines[5] = lines[4]; // a duplicated site code on line 6
        File.WriteAllLines(Path.Combine(seeds, "sites.csv"), lines);

        var environment = Environment;
        environment["EventHub__SeedsDirectory"] = seeds;
        await using var broken = HubProcess.Start(environment);
        var exit = await broken.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(2, exit);
        Assert.Contains("sites.csv line 6", broken.Output);
        TempFolder.TryDelete(seeds);
    }

    JsonElement ReadCredentials() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_data, "credentials.json"))).RootElement;

    public void Dispose() => TempFolder.TryDelete(_data);
}
