using System.Diagnostics;
using ForumState = EventHub.Domain.Forum.ForumState;
using Spectre.Console.Rendering;

namespace EventHub.SiteClient.Cli.Watch;

/// <summary>
/// The live table a bridge point keeps open: connection, position in the log, round-trip time and the site's
/// attendance. It redraws from the client's local copy a few times a second; nothing here changes state.
/// </summary>
sealed class Dashboard(CliEnvironment env, ForumClient client, string? site)
{
    static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan RttEvery = TimeSpan.FromSeconds(2);
    TimeSpan? _rtt;
    QueuePanel.Deck _deck = QueuePanel.Deck.No;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var starting = client.StartAsync(cancellationToken);
        var measuring = MeasureRoundTripsAsync(cancellationToken);
        // Too tall for the terminal, the bottom of the list is cut, never the "you are next" banner at the top.
        await env.Out.Live(Render()).AutoClear(false).Cropping(VerticalOverflowCropping.Bottom).StartAsync(async live =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                live.UpdateTarget(Render());
                live.Refresh();
                await Task.Delay(Redraw, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        await Task.WhenAll(starting, measuring).ContinueWith(_ => { }, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
    }

    async Task MeasureRoundTripsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (client.State is LinkState.Connected or LinkState.Resumed)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await client.InvokeAsync<Identity>(HubMethods.WhoAmI).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                    _rtt = clock.Elapsed;
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    _rtt = null;
                }
            }
            else _rtt = null;
            await Task.Delay(RttEvery, cancellationToken);
        }
    }

    IRenderable Render()
    {
        var state = client.Forum.State;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(site is null ? Texts.Get(Texts.WatchTitleAllSites) : Texts.Format(Texts.WatchTitle, SiteNames.Label(site)))
            .Caption(Texts.Get(Texts.StopHint))
            .AddColumn(Texts.Get(Texts.ColItem)).AddColumn(Texts.Get(Texts.ColValue))
            .HideHeaders(); // the labels say what each row is; two lines more for the list in 24
        Row(table, Texts.RowForum, new Text(state.Title ?? Texts.Get(Texts.Unknown)));
        Row(table, Texts.RowConnection, Connection());
        Row(table, Texts.RowSeq, new Text(client.Forum.LastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Row(table, Texts.RowRtt, new Text(_rtt is { } rtt ? $"{rtt.TotalMilliseconds:0} ms" : Texts.Get(Texts.Unknown)));
        if (site is not null) SiteRows(table, state, site);
        else AllSitesRows(table, state);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        RollCallRow(table, state, site, now);
        QueuePanel.AddRows(table, state.SpeakerQueue, site, now);

        var parts = new List<IRenderable> { table };
        if (QandAPanel.Render(state.QandA) is { } qa) parts.Add(qa);
        var deck = QueuePanel.OnDeck(state.SpeakerQueue, site);
        if (deck == QueuePanel.Deck.Next)
            parts.Insert(0, new Panel(new Text(Texts.Get(Texts.YouAreNext), new Style(Color.White, Color.Red, Decoration.Bold))).Border(BoxBorder.Double).Expand());
        else if (deck == QueuePanel.Deck.AfterNext)
            parts.Insert(0, new Text(Texts.Get(Texts.YouAreAfterNext), new Style(Color.Yellow, decoration: Decoration.Bold)));
        if (deck == QueuePanel.Deck.Next && _deck != QueuePanel.Deck.Next) Bell();
        _deck = deck;
        parts.Add(FittedList(state, parts));
        return new Rows(parts);
    }

    /// <summary>
    /// The speaker list, shortened to the lines the terminal has left under the rest (an 80×24 terminal holds the
    /// banner, the table and a few entries), with a last line saying how many are not shown.
    /// </summary>
    IRenderable FittedList(ForumState state, IReadOnlyList<IRenderable> above)
    {
        var height = env.Out.Profile.Height;
        var options = RenderOptions.Create(env.Out, env.Out.Profile.Capabilities);
        var width = env.Out.Profile.Width;
        var left = height - above.Sum(part => LinesOf(part, options, width));
        var total = state.SpeakerQueue.CurrentItem?.Queue.Count ?? 0;
        for (var shown = total; ; shown--)
        {
            var list = QueuePanel.List(state.SpeakerQueue, site, shown);
            if (shown <= 0 || LinesOf(list, options, width) <= left) return list;
        }
    }

    static int LinesOf(IRenderable renderable, RenderOptions options, int width) =>
        Segment.SplitLines(renderable.Render(options, width)).Count;

    /// <summary>The terminal bell, once, when the site becomes next: the technician may be looking elsewhere.</summary>
    void Bell()
    {
        env.RawOut.Write('\a');
        env.RawOut.Flush();
    }

    void SiteRows(Table table, ForumState state, string code)
    {
        var attendance = state.Attendance.Site(code);
        Row(table, Texts.RowSite, new Text(SiteNames.Label(code), new Style(decoration: Decoration.Bold)));
        var checkIn = attendance.CheckedIn
            ? Texts.Format(Texts.CheckedInSince, LocalTime(attendance.Spells[^1].CheckedInAt), attendance.Lead)
            : Texts.Get(Texts.NotCheckedIn);
        Row(table, Texts.RowCheckIn, new Text(checkIn, new Style(attendance.CheckedIn ? Color.Green : Color.Yellow)));
        Row(table, Texts.RowHeadcount, new Text(attendance.CheckedIn ? attendance.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture) : Texts.Get(Texts.Unknown)));
    }

    static void AllSitesRows(Table table, ForumState state)
    {
        var present = state.Attendance.Sites.Values.Where(s => s.CheckedIn).ToList();
        Row(table, Texts.RowSitesIn, new Text($"{present.Count}/{state.SiteCodes.Count}"));
        Row(table, Texts.RowHeadcount, new Text(present.Sum(s => s.Headcount).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>An open roll call, with the time left to answer and whether this site has.</summary>
    static void RollCallRow(Table table, ForumState state, string? site, long now)
    {
        if (state.Attendance.UnclosedRollCall is not { } rollCall || rollCall.DeadlineAt <= now) return;
        var left = TimeSpan.FromMilliseconds(rollCall.DeadlineAt - now).ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
        var answered = site is not null && rollCall.Confirmed.ContainsKey(site);
        var detail = site is null
            ? Texts.Format(Texts.RollCallCount, rollCall.Confirmed.Count, state.SiteCodes.Count)
            : Texts.Get(answered ? Texts.RollCallAnswered : Texts.RollCallUnanswered);
        var style = site is null || answered ? new Style(Color.Green) : new Style(Color.White, Color.Red, Decoration.Bold);
        Row(table, Texts.RowRollCall, new Text(Texts.Format(Texts.RollCallOpen, left, detail), style));
    }

    Text Connection() => client.State switch
    {
        LinkState.Connecting => new Text(Texts.Get(Texts.StateConnecting), new Style(Color.Yellow)),
        LinkState.Connected => new Text(Texts.Get(Texts.StateConnected), new Style(Color.Green)),
        LinkState.Reconnecting => new Text(Texts.Get(Texts.StateReconnecting), new Style(Color.Red, decoration: Decoration.Bold)),
        LinkState.Refused => new Text(Texts.Get(Texts.StateRefused), new Style(Color.Red, decoration: Decoration.Bold)),
        _ => new Text(Texts.Get(Texts.StateResumed), new Style(Color.Green)),
    };

    static void Row(Table table, Phrase label, IRenderable value) => table.AddRow(new Text(Texts.Get(label)), value);

    static string LocalTime(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToLocalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
