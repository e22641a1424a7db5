using Microsoft.Playwright;

namespace EventHub.Browser.Tests.Infrastructure;

/// <summary>
/// Sits on a page's WebSocket to the hub and, while holding, keeps what the hub sends from reaching the page (what
/// the page sends still goes out). Makes "this console has not seen the other's change yet" a fact, not a race.
/// </summary>
public sealed class HeldMessages
{
    readonly Lock _lock = new();
    readonly List<Action> _held = [];
    bool _holding;

    public Task RouteAsync(IPage page) => page.RouteWebSocketAsync("**/hubs/forum**", page =>
    {
        var server = page.ConnectToServer();
        page.OnMessage(frame => Forward(frame, server));
        server.OnMessage(frame =>
        {
            lock (_lock)
            {
                if (_holding)
                {
                    _held.Add(() => Forward(frame, page));
                    return;
                }
                Forward(frame, page);
            }
        });
    });

    public void Hold()
    {
        lock (_lock) _holding = true;
    }

    /// <summary>Lets through everything held, in order, then everything after it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _holding = false;
            foreach (var send in _held) send();
            _held.Clear();
        }
    }

    static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        if (frame.Text is { } text) to.Send(text);
        else if (frame.Binary is { } bytes) to.Send(bytes);
    }
}
