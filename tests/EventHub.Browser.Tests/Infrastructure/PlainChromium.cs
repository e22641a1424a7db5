using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EventHub.Tests.Infrastructure;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven over the DevTools protocol directly, without Playwright: Playwright keeps every page it
/// drives "visible" (its focus emulation counts as a capture), so a tab it drives never goes to the background. Here
/// a tab behind another one is hidden as on a host's laptop (<c>document.visibilityState == "hidden"</c>).
/// </summary>
public sealed partial class PlainChromium : IAsyncDisposable
{
    readonly Process _process;
    readonly string _profile;
    readonly HttpClient _http;

    PlainChromium(Process process, string profile, Uri devTools)
    {
        _process = process;
        _profile = profile;
        _http = new HttpClient { BaseAddress = devTools, Timeout = TimeSpan.FromSeconds(15) };
    }

    public static async Task<PlainChromium> StartAsync()
    {
        var profile = TempFolder.Create("plain-chromium");
        var start = new ProcessStartInfo(Chromium.ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "about:blank"])
            start.ArgumentList.Add(flag);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // drained, never read
        // Chromium names its DevTools port on stderr once it listens.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync(timeout.Token)
                       ?? throw new InvalidOperationException("Chromium exited before it listened for DevTools.");
            var match = Listening().Match(line);
            if (!match.Success) continue;
            _ = process.StandardError.ReadToEndAsync();
            return new PlainChromium(process, profile, new Uri($"http://127.0.0.1:{match.Groups[1].Value}/"));
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new tab of the same window and brings that tab to the front.</summary>
    public async Task<Tab> OpenTabAsync(Uri url)
    {
        using var response = await _http.PutAsync($"json/new?{url}", null);
        response.EnsureSuccessStatusCode();
        var target = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var tab = new Tab(target["id"]!.GetValue<string>(), new Uri(target["webSocketDebuggerUrl"]!.GetValue<string>()), this);
        await tab.ConnectAsync();
        await BringToFrontAsync(tab);
        return tab;
    }

    public async Task BringToFrontAsync(Tab tab) => (await _http.GetAsync($"json/activate/{tab.Id}")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        TempFolder.TryDelete(_profile);
    }

    [GeneratedRegex(@"DevTools listening on ws://[^:]+:(\d+)/")]
    private static partial Regex Listening();

    /// <summary>One tab: evaluates script in its page (Runtime.evaluate) and waits on what the page shows.</summary>
    public sealed class Tab(string id, Uri socketUrl, PlainChromium browser) : IAsyncDisposable
    {
        readonly ClientWebSocket _socket = new();
        readonly SemaphoreSlim _one = new(1, 1);
        int _nextId;

        public string Id { get; } = id;

        internal Task ConnectAsync() => _socket.ConnectAsync(socketUrl, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        public Task BringToFrontAsync() => browser.BringToFrontAsync(this);

        /// <summary>The value of <paramref name="expression"/> in the page (promises awaited).</summary>
        public async Task<JsonNode?> EvaluateAsync(string expression)
        {
            await _one.WaitAsync();
            try
            {
                var id = ++_nextId;
                var request = new JsonObject
                {
                    ["id"] = id,
                    ["method"] = "Runtime.evaluate",
                    ["params"] = new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true },
                };
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
                while (true)
                {
                    var message = await ReceiveAsync(timeout.Token);
                    if (message["id"]?.GetValue<int>() != id) continue; // an event, not our answer
                    if ((message["error"] ?? message["result"]?["exceptionDetails"]) is { } failed) throw new InvalidOperationException(failed.ToJsonString());
                    return message["result"]?["result"]?["value"];
                }
            }
            finally
            {
                _one.Release();
            }
        }

        /// <summary>Waits (15 s at most) until <paramref name="condition"/>, a script, is true in the page.</summary>
        public async Task WaitForAsync(string condition)
        {
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                try
                {
                    if ((await EvaluateAsync($"!!({condition})"))?.GetValue<bool>() == true) return;
                }
                catch (InvalidOperationException) when (DateTime.UtcNow < until)
                {
                    // the page is between two documents (a reload): ask again
                }
                if (DateTime.UtcNow > until) throw new TimeoutException($"Never true in the tab: {condition}");
                await Task.Delay(100);
            }
        }

        async Task<JsonNode> ReceiveAsync(CancellationToken cancel)
        {
            var buffer = new byte[64 * 1024];
            using var text = new MemoryStream();
            while (true)
            {
                var part = await _socket.ReceiveAsync(buffer, cancel);
                text.Write(buffer, 0, part.Count);
                if (part.EndOfMessage) return JsonNode.Parse(text.ToArray())!;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
            _socket.Dispose();
        }
    }
}
