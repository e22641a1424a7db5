using System.Globalization;
using EventHub.Domain.SpeakerQueue;
using Spectre.Console.Rendering;

namespace EventHub.SiteClient.Cli.Watch;

/// <summary>
/// The speaker queue as a site sees it: the current item, who speaks with the countdown (computed from the
/// speech and this machine's clock, as every display does), the list with this site's entries highlighted,
/// and whether this site is on deck.
/// </summary>
static class QueuePanel
{
    public enum Deck { No, Next, AfterNext }

    /// <summary>Where <paramref name="site"/> stands among the next approved speakers.</summary>
    public static Deck OnDeck(SpeakerQueueState queue, string? site)
    {
        if (site is null) return Deck.No;
        var deck = SpeakerQueueQueries.OnDeck(queue);
        if (deck.Count > 0 && deck[0].Site == site) return Deck.Next;
        return deck.Count > 1 && deck[1].Site == site ? Deck.AfterNext : Deck.No;
    }

    public static void AddRows(Table table, SpeakerQueueState queue, string? site, long now)
    {
        table.AddRow(new Text(Texts.Get(Texts.RowAgendaItem)), new Text(queue.CurrentItem?.Title ?? Texts.Get(Texts.Unknown)));
        table.AddRow(new Text(Texts.Get(Texts.RowSpeaking)), Speaking(queue, now));
        if (site is null) return;
        // The speech on the floor has left the list: the site speaking is told so, not that it is missing.
        var speaking = queue.Floor is { } floor && queue.Request(floor.RequestId)?.Site == site;
        var mine = SpeakerQueueQueries.PositionsOf(queue, site);
        var places = string.Join(", ", mine.Select(p => p.Position.ToString(CultureInfo.InvariantCulture)));
        var place = speaking ? Texts.Get(Texts.SiteSpeaking) + (places.Length > 0 ? $"; {places}" : "")
            : mine.Count == 0 ? Texts.Get(Texts.NotInList) : places;
        table.AddRow(new Text(Texts.Get(Texts.RowPosition)), new Text(place, new Style(decoration: Decoration.Bold)));
    }

    /// <summary>
    /// The current list, its first <paramref name="shown"/> entries and a line for the rest. The moderator's view
    /// (no site) carries each request's id, which the list verbs take.
    /// </summary>
    public static IRenderable List(SpeakerQueueState queue, string? site, int shown = int.MaxValue)
    {
        var item = queue.CurrentItem;
        var title = Texts.Get(Texts.ListTitle) + (item?.IsClosed == true ? $" ({Texts.Get(Texts.ListClosedMark)})" : "");
        var table = new Table().Border(TableBorder.Minimal).Title(title)
            .AddColumn(Texts.Get(Texts.ColPlace)).AddColumn(Texts.Get(Texts.ColSite))
            .AddColumn(Texts.Get(Texts.ColSpeaker)).AddColumn(Texts.Get(Texts.ColStatus));
        if (site is null) table.AddColumn(Texts.Get(Texts.ColRequest));
        if (item is null) return table;
        var place = 0;
        foreach (var request in queue.QueueOf(item))
        {
            place++;
            if (place > shown)
            {
                var rest = Texts.Format(Texts.MoreInList, item.Queue.Count - shown);
                table.AddRow(site is null ? [new Text(""), new Text(rest), new Text(""), new Text(""), new Text("")] : [new Text(""), new Text(rest), new Text(""), new Text("")]);
                break;
            }
            var style = request.Site is not null && request.Site == site ? new Style(Color.Black, Color.Yellow) : Style.Plain;
            var cells = new List<IRenderable>
            {
                new Text(place.ToString(CultureInfo.InvariantCulture), style),
                new Text(request.Site is null ? Texts.Get(Texts.Hall) : SiteNames.Name(request.Site), style),
                new Text(SpeakerOf(request), style),
                new Text(Texts.Get(request.Status == RequestStatus.Approved ? Texts.StatusApproved : Texts.StatusWaiting), style),
            };
            if (site is null) cells.Add(new Text(request.Id, style));
            table.AddRow(cells);
        }
        return table;
    }

    static Text Speaking(SpeakerQueueState queue, long now)
    {
        if (queue.Floor is not { } floor || queue.Request(floor.RequestId) is not { } request) return new Text(Texts.Get(Texts.Nobody));
        var remaining = floor.RemainingMs(now);
        var clock = TimeSpan.FromMilliseconds(Math.Abs(remaining)).ToString(@"mm\:ss", CultureInfo.InvariantCulture);
        var countdown = remaining < 0 ? Texts.Format(Texts.Overtime, clock) : Texts.Format(Texts.Remaining, clock);
        if (floor.IsPaused) countdown += $" ({Texts.Get(Texts.Paused)})";
        var color = Countdown.Phase(remaining) switch
        {
            CountdownPhase.Overtime => Color.Red,
            CountdownPhase.Warning => Color.Orange1,
            _ => Color.Green,
        };
        return new Text($"{SpeakerOf(request)} · {(request.Site is null ? Texts.Get(Texts.Hall) : SiteNames.Name(request.Site))} · {countdown}", new Style(color, decoration: Decoration.Bold));
    }

    static string SpeakerOf(SpeakerRequest request)
    {
        if (string.IsNullOrEmpty(request.Speaker)) return Texts.Get(Texts.Undisclosed);
        return request.SpeakerTitle is { Length: > 0 } title ? $"{request.Speaker} ({title})" : request.Speaker;
    }
}
