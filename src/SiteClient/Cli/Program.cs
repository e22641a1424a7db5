using EventHub.SiteClient.Cli.Commands;
using EventHub.SiteClient.Cli.Moderator;
using EventHub.SiteClient.Cli.Watch;
using Spectre.Console.Cli;

namespace EventHub.SiteClient.Cli;

/// <summary>eventhub-site: the whole command tree. A new verb is one class and one line here.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C ends watch cleanly (exit 0) and abandons a waiting command (exit 3, with the re-run hint).
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await SiteCli.RunAsync(args, CliEnvironment.FromProcess(), stop.Token);
    }

    internal static void Commands(IConfigurator config)
    {
        config.AddCommand<LoginCommand>("login").WithDescription(Texts.Get(Texts.CmdLogin))
            .WithExample("login", "--hub", "http://hub.local:5080", "--site", "HCM", "--key", "KHOA-DIEM-CAU")
            .WithExample("login", "--role", "delegate", "--site", "HCM", "--key", "MA-THAM-GIA", "--name", "Nguyễn Văn An");
        config.AddCommand<CheckInCommand>("checkin").WithDescription(Texts.Get(Texts.CmdCheckIn))
            .WithExample("checkin", "--lead", "Nguyễn Thị Mai", "--headcount", "42");
        config.AddCommand<HeadcountCommand>("headcount").WithDescription(Texts.Get(Texts.CmdHeadcount))
            .WithExample("headcount", "45");
        config.AddCommand<CheckOutCommand>("checkout").WithDescription(Texts.Get(Texts.CmdCheckOut));
        config.AddCommand<WatchCommand>("watch").WithDescription(Texts.Get(Texts.CmdWatch))
            .WithExample("watch").WithExample("watch", "--json");

        config.AddBranch<CliSettings>("moderator", moderator =>
        {
            moderator.SetDescription(Texts.Get(Texts.CmdModerator));
            moderator.AddCommand<ModeratorCheckInCommand>("checkin").WithDescription(Texts.Get(Texts.CmdModeratorCheckIn))
                .WithExample("moderator", "checkin", "--site", "DNG", "--lead", "Trần Văn Bình", "--headcount", "30");
            moderator.AddCommand<ModeratorHeadcountCommand>("headcount").WithDescription(Texts.Get(Texts.CmdModeratorHeadcount))
                .WithExample("moderator", "headcount", "--site", "DNG", "35");
            moderator.AddCommand<ModeratorCheckOutCommand>("checkout").WithDescription(Texts.Get(Texts.CmdModeratorCheckOut))
                .WithExample("moderator", "checkout", "--site", "DNG");
        });
    }
}
