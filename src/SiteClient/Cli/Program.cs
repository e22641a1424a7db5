using EventHub.SiteClient.Cli.Attendance;
using EventHub.SiteClient.Cli.Moderator;
using EventHub.SiteClient.Cli.QandA;
using EventHub.SiteClient.Cli.Queue;
using EventHub.SiteClient.Cli.Watch;

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
            .WithExample("login", "--role", "delegate", "--site", "HCM", "--key", "MA-THAM-GIA", "--name", "\"Nguyễn Văn An\"");
        config.AddCommand<CheckInCommand>("checkin").WithDescription(Texts.Get(Texts.CmdCheckIn))
            .WithExample("checkin", "--lead", "\"Nguyễn Thị Mai\"", "--headcount", "42");
        config.AddCommand<HeadcountCommand>("headcount").WithDescription(Texts.Get(Texts.CmdHeadcount))
            .WithExample("headcount", "45");
        config.AddCommand<CheckOutCommand>("checkout").WithDescription(Texts.Get(Texts.CmdCheckOut));
        config.AddCommand<RequestFloorCommand>("request-floor").WithDescription(Texts.Get(Texts.CmdRequestFloor))
            .WithExample("request-floor", "--speaker", "\"Phạm Thị Hoa\"", "--title", "\"Giám đốc Sở Nội vụ\"", "--topic", "\"Chuyển đổi số\"");
        config.AddCommand<WithdrawCommand>("withdraw").WithDescription(Texts.Get(Texts.CmdWithdraw))
            .WithExample("withdraw").WithExample("withdraw", "5f0c2a7e9b1d4c3a8e6f");
        config.AddBranch<CliSettings>("roll-call", rollCall =>
        {
            rollCall.SetDescription(Texts.Get(Texts.CmdRollCall));
            rollCall.AddCommand<RollCallConfirmCommand>("confirm").WithDescription(Texts.Get(Texts.CmdRollCallConfirm))
                .WithExample("roll-call", "confirm");
        });
        config.AddCommand<AskCommand>("ask").WithDescription(Texts.Get(Texts.CmdAsk))
            .WithExample("ask", "\"Khi nào thủ tục được số hóa toàn trình?\"", "--topic", "\"Chuyển đổi số\"");
        config.AddCommand<ProposeCommand>("propose").WithDescription(Texts.Get(Texts.CmdPropose));
        config.AddCommand<VoteCommand>("vote").WithDescription(Texts.Get(Texts.CmdVote));
        config.AddCommand<UnvoteCommand>("unvote").WithDescription(Texts.Get(Texts.CmdUnvote));
        config.AddCommand<WithdrawQuestionCommand>("withdraw-question").WithDescription(Texts.Get(Texts.CmdWithdrawQuestion));
        config.AddCommand<QuestionsCommand>("questions").WithDescription(Texts.Get(Texts.CmdQuestions))
            .WithExample("questions", "--sort", "newest", "--json");
        config.AddBranch<CliSettings>("review", review =>
        {
            review.SetDescription(Texts.Get(Texts.CmdReview));
            review.AddCommand<PublishCommand>("publish").WithDescription(Texts.Get(Texts.CmdPublish));
            review.AddCommand<DismissCommand>("dismiss").WithDescription(Texts.Get(Texts.CmdDismiss));
            review.AddCommand<MergeCommand>("merge").WithDescription(Texts.Get(Texts.CmdMerge));
            review.AddCommand<AnsweredCommand>("answered").WithDescription(Texts.Get(Texts.CmdAnswered));
        });
        config.AddCommand<WatchCommand>("watch").WithDescription(Texts.Get(Texts.CmdWatch))
            .WithExample("watch").WithExample("watch", "--json");

        config.AddCommand<ExportCommand>("export").WithDescription(Texts.Get(Texts.CmdExport))
            .WithExample("export", "attendance", "--output", "diem-danh.csv").WithExample("export", "speakers", "--output", "phat-bieu.csv").WithExample("export", "sites", "--format", "json");

        config.AddBranch<CliSettings>("moderator", moderator =>
        {
            moderator.SetDescription(Texts.Get(Texts.CmdModerator));
            moderator.AddCommand<CheckInCommand>("checkin").WithData(SiteOption.Required).WithDescription(Texts.Get(Texts.CmdModeratorCheckIn))
                .WithExample("moderator", "checkin", "--site", "DNG", "--lead", "\"Trần Văn Bình\"", "--headcount", "30");
            moderator.AddCommand<HeadcountCommand>("headcount").WithData(SiteOption.Required).WithDescription(Texts.Get(Texts.CmdModeratorHeadcount))
                .WithExample("moderator", "headcount", "--site", "DNG", "35");
            moderator.AddCommand<CheckOutCommand>("checkout").WithData(SiteOption.Required).WithDescription(Texts.Get(Texts.CmdModeratorCheckOut))
                .WithExample("moderator", "checkout", "--site", "DNG");
            moderator.AddBranch<CliSettings>("agenda", agenda =>
            {
                agenda.SetDescription(Texts.Get(Texts.CmdAgenda));
                agenda.AddCommand<AgendaAddCommand>("add").WithDescription(Texts.Get(Texts.CmdAgendaAdd))
                    .WithExample("moderator", "agenda", "add", "--title", "\"Thảo luận tổ\"", "--seconds", "300");
                agenda.AddCommand<AgendaSetCommand>("set").WithDescription(Texts.Get(Texts.CmdAgendaSet));
                agenda.AddCommand<AgendaRenameCommand>("rename").WithDescription(Texts.Get(Texts.CmdAgendaRename))
                    .WithExample("moderator", "agenda", "rename", "ITEM-ID", "--title", "\"Thảo luận tổ 2\"");
                agenda.AddCommand<AgendaMoveCommand>("move").WithDescription(Texts.Get(Texts.CmdAgendaMove))
                    .WithExample("moderator", "agenda", "move", "ITEM-ID", "1");
            });
            moderator.AddBranch<CliSettings>("roll-call", rollCall =>
            {
                rollCall.SetDescription(Texts.Get(Texts.CmdRollCall));
                rollCall.AddCommand<RollCallStartCommand>("start").WithDescription(Texts.Get(Texts.CmdRollCallStart))
                    .WithExample("moderator", "roll-call", "start", "--deadline", "180");
                rollCall.AddCommand<RollCallCloseCommand>("close").WithDescription(Texts.Get(Texts.CmdRollCallClose));
            });
            moderator.AddCommand<RemoveDelegateCommand>("remove-delegate").WithDescription(Texts.Get(Texts.CmdRemoveDelegate));
            moderator.AddCommand<ReadmitDelegateCommand>("readmit-delegate").WithDescription(Texts.Get(Texts.CmdReadmitDelegate));
            moderator.AddCommand<AddSpeakerCommand>("add-speaker").WithDescription(Texts.Get(Texts.CmdAddSpeaker))
                .WithExample("moderator", "add-speaker", "--site", "DNG", "--speaker", "\"Võ Thị Lan\"", "--topic", "\"Nông nghiệp\"", "--position", "1");
            moderator.AddCommand<MoveCommand>("move").WithDescription(Texts.Get(Texts.CmdMove))
                .WithExample("moderator", "move", "5f0c2a7e9b1d4c3a", "1");
            moderator.AddCommand<ApproveCommand>("approve").WithDescription(Texts.Get(Texts.CmdApprove));
            moderator.AddCommand<DeclineCommand>("decline").WithDescription(Texts.Get(Texts.CmdDecline));
            moderator.AddCommand<RemoveCommand>("remove").WithDescription(Texts.Get(Texts.CmdRemove));
            moderator.AddCommand<NextCommand>("next").WithDescription(Texts.Get(Texts.CmdNext))
                .WithExample("moderator", "next", "--limit", "240");
            moderator.AddCommand<GiveFloorCommand>("give-floor").WithDescription(Texts.Get(Texts.CmdGiveFloor));
            moderator.AddCommand<EndCommand>("end").WithDescription(Texts.Get(Texts.CmdEnd));
            moderator.AddCommand<PauseCommand>("pause").WithDescription(Texts.Get(Texts.CmdPause));
            moderator.AddCommand<ResumeCommand>("resume").WithDescription(Texts.Get(Texts.CmdResume));
            moderator.AddCommand<AddTimeCommand>("add-time").WithDescription(Texts.Get(Texts.CmdAddTime))
                .WithExample("moderator", "add-time", "60");
            moderator.AddBranch<CliSettings>("qa", qa =>
            {
                qa.SetDescription(Texts.Get(Texts.CmdQandA));
                qa.AddCommand<ConfigureQandACommand>("configure").WithDescription(Texts.Get(Texts.CmdQandAConfigure))
                    .WithExample("moderator", "qa", "configure", "--anonymous", "--topic", "\"Chuyển đổi số\"", "--topic", "\"Cải cách hành chính\"");
                qa.AddCommand<OpenQandACommand>("open").WithDescription(Texts.Get(Texts.CmdQandAOpen));
                qa.AddCommand<CloseQandACommand>("close").WithDescription(Texts.Get(Texts.CmdQandAClose));
                qa.AddCommand<HighlightCommand>("highlight").WithDescription(Texts.Get(Texts.CmdHighlight));
            });
            moderator.AddCommand<CloseListCommand>("close-list").WithDescription(Texts.Get(Texts.CmdCloseList));
            moderator.AddCommand<ReopenListCommand>("reopen-list").WithDescription(Texts.Get(Texts.CmdReopenList));
            moderator.AddCommand<ClearListCommand>("clear-list").WithDescription(Texts.Get(Texts.CmdClearList));
            moderator.AddCommand<ListOptionsCommand>("list-options").WithDescription(Texts.Get(Texts.CmdListOptions))
                .WithExample("moderator", "list-options", "--seconds", "240", "--one-per-site", "false");
            moderator.AddCommand<MoveToTopCommand>("move-to-top").WithDescription(Texts.Get(Texts.CmdMoveToTop));
            moderator.AddCommand<ReAddLastCommand>("re-add-last").WithDescription(Texts.Get(Texts.CmdReAddLast));
            moderator.AddCommand<FairOrderCommand>("fair-order").WithDescription(Texts.Get(Texts.CmdFairOrder))
                .WithExample("moderator", "fair-order").WithExample("moderator", "fair-order", "--apply");
            moderator.AddCommand<BoardCommand>("board").WithDescription(Texts.Get(Texts.CmdBoard));
            moderator.AddCommand<ReportCommand>("report").WithDescription(Texts.Get(Texts.CmdReport));
        });
    }
}
