using System.Globalization;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.SiteClient.Cli.Moderator;

// What the moderator asks the hub to show: the sites' board, the speaking report, a fair order for the list.

/// <summary><c>moderator board</c>: every site's status, as the moderator's console sees it now.</summary>
public sealed class BoardCommand(CliEnvironment env) : HubQuery<TimedSettings>(env)
{
    protected override async Task<int> RunAsync(ForumClient client, TimedSettings settings, CancellationToken cancellationToken)
    {
        var board = await AskAsync<SiteBoard>(client, HubMethods.GetBoard, [], cancellationToken);
        var t = board.Totals;
        var table = new Table().Border(TableBorder.Simple)
            .Title(Texts.Format(Texts.BoardTitle, t.SitesCheckedIn, t.Sites, t.SitesOnline, t.Headcount, t.DelegatesConnected, t.DelegatesJoined))
            .AddColumn(Texts.Get(Texts.ColSite)).AddColumn(Texts.Get(Texts.ColStatus)).AddColumn(Texts.Get(Texts.ColLead))
            .AddColumn(Texts.Get(Texts.ColHeadcount)).AddColumn(Texts.Get(Texts.ColDelegates)).AddColumn(Texts.Get(Texts.ColRtt));
        foreach (var row in board.Sites)
        {
            var style = row.HostAlert ? new Style(Color.Red, decoration: Decoration.Bold) : Style.Plain;
            table.AddRow(
                new Text(SiteNames.Label(row.Site), style),
                new Text(Status(row.Status), style),
                new Text(row.Lead ?? "", style),
                new Text(Number(row.Headcount), style),
                new Text($"{Number(row.DelegatesConnected)}/{Number(row.DelegatesJoined)}", style),
                new Text(row.HostRttMs is { } rtt ? $"{Number(rtt)} ms" : Texts.Get(Texts.Unknown), style));
        }
        Env.Out.Write(table);
        return ExitCodes.Done;
    }

    static string Status(string status) => Texts.Get(status switch
    {
        SiteStatus.Online => Texts.StatusOnline,
        SiteStatus.HostDisconnected => Texts.StatusHostDisconnected,
        SiteStatus.CheckedOut => Texts.StatusCheckedOut,
        _ => Texts.StatusNotCheckedIn,
    });

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>moderator report</c>: speeches, speaking time and waiting time per site and per speaker, so far.</summary>
public sealed class ReportCommand(CliEnvironment env) : HubQuery<TimedSettings>(env)
{
    protected override async Task<int> RunAsync(ForumClient client, TimedSettings settings, CancellationToken cancellationToken)
    {
        var report = await AskAsync<SpeakingReport>(client, HubMethods.GetSpeakingReport, [], cancellationToken);
        if (report.Sites.Count == 0)
        {
            Env.Out.WriteLine(Texts.Get(Texts.ReportEmpty));
            return ExitCodes.Done;
        }
        var sites = Columns(new Table().Border(TableBorder.Simple).Title(Texts.Get(Texts.ReportBySite)).AddColumn(Texts.Get(Texts.ColSite)));
        foreach (var s in report.Sites) sites.AddRow(SiteOrHall(s.Site), BoardCommand.Number(s.Speeches), Clock(s.SpokenMs), Clock(s.WaitedMs));
        var speakers = Columns(new Table().Border(TableBorder.Simple).Title(Texts.Get(Texts.ReportBySpeaker))
            .AddColumn(Texts.Get(Texts.ColSpeaker)).AddColumn(Texts.Get(Texts.ColSite)));
        foreach (var s in report.Speakers)
            speakers.AddRow(Markup.Escape(s.Speaker), SiteOrHall(s.Site), BoardCommand.Number(s.Speeches), Clock(s.SpokenMs), Clock(s.WaitedMs));
        Env.Out.Write(sites);
        Env.Out.Write(speakers);
        return ExitCodes.Done;
    }

    static Table Columns(Table table) => table
        .AddColumn(new TableColumn(Texts.Get(Texts.ColSpeeches)).RightAligned())
        .AddColumn(new TableColumn(Texts.Get(Texts.ColSpoken)).RightAligned())
        .AddColumn(new TableColumn(Texts.Get(Texts.ColWaited)).RightAligned());

    internal static string SiteOrHall(string? site) => Markup.Escape(site is null ? Texts.Get(Texts.Hall) : SiteNames.Label(site));

    static string Clock(long ms) => TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>moderator fair-order [--item ID] [--apply]</c>: the fair order (sites that have not spoken yet first),
/// printed; with <c>--apply</c> the list is put in that order under one command id. The order is the domain's
/// own <see cref="SpeakerQueueQueries.SuggestFairOrder"/> over this run's up-to-date copy, which is what the
/// hub's <c>SuggestFairOrder</c> answers; the hub refuses it if the list changed meanwhile.
/// </summary>
public sealed class FairOrderCommand(CliEnvironment env) : HubQuery<FairOrderCommand.Settings>(env)
{
    public sealed class Settings : ItemSettings
    {
        [CommandOption("--apply")]
        [LocalizedDescription(nameof(Texts.OptApply))]
        public bool Apply { get; init; }
    }

    protected override async Task<int> RunAsync(ForumClient client, Settings settings, CancellationToken cancellationToken)
    {
        var queue = client.Forum.State.SpeakerQueue;
        var item = settings.Item is null ? queue.CurrentItem : queue.Item(settings.Item);
        if (item is null)
        {
            var (code, phrase) = settings.Item is null ? ("agenda.no_current_item", Texts.NoCurrentItem) : ("agenda.unknown_item", Texts.UnknownItem);
            Env.Error.WriteLine(Texts.Format(Texts.NotSent, code, Texts.Format(phrase, settings.Item)));
            return ExitCodes.Refused;
        }
        var order = SpeakerQueueQueries.SuggestFairOrder(queue, item);
        if (order.Count == 0)
        {
            Env.Out.WriteLine(Texts.Get(Texts.FairOrderEmpty));
            return ExitCodes.Done;
        }
        var table = new Table().Border(TableBorder.Simple).Title(Texts.Get(Texts.FairOrderTitle))
            .AddColumn(Texts.Get(Texts.ColPlace)).AddColumn(Texts.Get(Texts.ColSite)).AddColumn(Texts.Get(Texts.ColSpeaker))
            .AddColumn(Texts.Get(Texts.ColRequest));
        for (var i = 0; i < order.Count; i++)
        {
            var request = queue.Request(order[i]);
            table.AddRow(BoardCommand.Number(i + 1), ReportCommand.SiteOrHall(request?.Site), Markup.Escape(request?.Speaker ?? ""), order[i]);
        }
        Env.Out.Write(table);
        if (!settings.Apply)
        {
            Env.Out.WriteLine(Texts.Get(Texts.FairOrderHint));
            return ExitCodes.Done;
        }
        var commandId = settings.CommandId ?? Guid.NewGuid().ToString("N");
        var result = await client.SendAsync(HubMethods.ApplyOrder, new QueueOrderRequest(commandId, item.Id, order), cancellationToken);
        if (!result.Ok)
        {
            HubSession.WriteRefusal(Env, result.Error!);
            return ExitCodes.Refused;
        }
        Env.Out.WriteLine($"{Texts.Get(Texts.FairOrderApplied)} {Texts.Format(Texts.Applied, result.LastSeq)}");
        return ExitCodes.Done;
    }
}
