using System.Text;

namespace EventHub.SiteClient.Cli.QandA;

// Live Q&A's verbs: one command each, sent through HubCommand (resend with the same id, exit codes).

/// <summary><c>ask TEXT</c> / <c>propose TEXT</c>: the question's id is the command id, printed for <c>vote</c> and the reviewers.</summary>
public abstract class AskVerb(CliEnvironment env) : HubCommand<AskVerb.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandArgument(0, "<TEXT>")]
        [LocalizedDescription(nameof(Texts.ArgQuestionText))]
        public string Text { get; init; } = "";

        [CommandOption("--topic <TOPIC>")]
        [LocalizedDescription(nameof(Texts.OptQuestionTopic))]
        public string? Topic { get; init; }

        [CommandOption("--item <ID>")]
        [LocalizedDescription(nameof(Texts.OptItem))]
        public string? Item { get; init; }

        [CommandOption("--to <NAME>")]
        [LocalizedDescription(nameof(Texts.OptQuestionTo))]
        public string? To { get; init; }

        [CommandOption("--anonymous")]
        [LocalizedDescription(nameof(Texts.OptAnonymous))]
        public bool Anonymous { get; init; }
    }

    protected abstract string Kind { get; }

    protected override string Method => HubMethods.AskQuestion;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new AskRequest(commandId, null, Kind, Nfc(s.Text), Nfc(s.Topic), s.Item, Nfc(s.To), s.Anonymous);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.QuestionSent, commandId);
}

public sealed class AskCommand(CliEnvironment env) : AskVerb(env)
{
    protected override string Kind => "question";
}

public sealed class ProposeCommand(CliEnvironment env) : AskVerb(env)
{
    protected override string Kind => "proposal";
}

/// <summary>Verbs that name one question.</summary>
public class QuestionIdSettings : CommandOptions
{
    [CommandArgument(0, "<QUESTION>")]
    [LocalizedDescription(nameof(Texts.ArgQuestion))]
    public string QuestionId { get; init; } = "";
}

/// <summary>A verb that sends one question's id to one hub method and says so.</summary>
public abstract class QuestionVerb(CliEnvironment env, string method, Phrase done) : HubCommand<QuestionIdSettings>(env)
{
    protected override string Method => method;

    protected override ICommandRequest? Request(QuestionIdSettings s, string commandId, ForumState forum) =>
        new QuestionRequest(commandId, s.QuestionId);

    protected override string Done(QuestionIdSettings s, HubSession session, string commandId) => Texts.Format(done, s.QuestionId);
}

public sealed class VoteCommand(CliEnvironment env) : QuestionVerb(env, HubMethods.VoteQuestion, Texts.QuestionVoted);

public sealed class UnvoteCommand(CliEnvironment env) : QuestionVerb(env, HubMethods.UnvoteQuestion, Texts.QuestionUnvoted);

public sealed class WithdrawQuestionCommand(CliEnvironment env) : QuestionVerb(env, HubMethods.WithdrawQuestion, Texts.QuestionWithdrawn);

public sealed class PublishCommand(CliEnvironment env) : QuestionVerb(env, HubMethods.PublishQuestion, Texts.QuestionPublished);

public sealed class HighlightCommand(CliEnvironment env) : QuestionVerb(env, HubMethods.HighlightQuestion, Texts.QuestionHighlighted);

/// <summary><c>review dismiss QUESTION [--reason …]</c>: the author and their site see the reason.</summary>
public sealed class DismissCommand(CliEnvironment env) : HubCommand<DismissCommand.Settings>(env)
{
    public sealed class Settings : QuestionIdSettings
    {
        [CommandOption("--reason <TEXT>")]
        [LocalizedDescription(nameof(Texts.OptDismissReason))]
        public string? Reason { get; init; }
    }

    protected override string Method => HubMethods.DismissQuestion;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new DismissQuestionRequest(commandId, s.QuestionId, s.Reason?.Normalize(NormalizationForm.FormC));

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.QuestionDismissed, s.QuestionId);
}

/// <summary><c>review merge KEPT DUPLICATE</c>.</summary>
public sealed class MergeCommand(CliEnvironment env) : HubCommand<MergeCommand.Settings>(env)
{
    public sealed class Settings : QuestionIdSettings
    {
        [CommandArgument(1, "<DUPLICATE>")]
        [LocalizedDescription(nameof(Texts.ArgDuplicate))]
        public string DuplicateId { get; init; } = "";
    }

    protected override string Method => HubMethods.MergeQuestions;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new MergeQuestionsRequest(commandId, s.QuestionId, s.DuplicateId);

    protected override string Done(Settings s, HubSession session, string commandId) =>
        Texts.Format(Texts.QuestionsMerged, s.DuplicateId, s.QuestionId);
}

/// <summary><c>review answered QUESTION [--speech REQUEST]</c>.</summary>
public sealed class AnsweredCommand(CliEnvironment env) : HubCommand<AnsweredCommand.Settings>(env)
{
    public sealed class Settings : QuestionIdSettings
    {
        [CommandOption("--speech <REQUEST>")]
        [LocalizedDescription(nameof(Texts.OptAnsweringSpeech))]
        public string? Speech { get; init; }
    }

    protected override string Method => HubMethods.MarkAnswered;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new AnswerQuestionRequest(commandId, s.QuestionId, s.Speech);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Format(Texts.QuestionAnswered, s.QuestionId);
}

/// <summary><c>moderator qa open|close [--item ID]</c>.</summary>
public abstract class QandASwitchVerb(CliEnvironment env, string method, Phrase done) : HubCommand<QandASwitchVerb.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandOption("--item <ID>")]
        [LocalizedDescription(nameof(Texts.OptQandAItem))]
        public string? Item { get; init; }
    }

    protected override string Method => method;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) => new QandAItemRequest(commandId, s.Item);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Get(done);
}

public sealed class OpenQandACommand(CliEnvironment env) : QandASwitchVerb(env, HubMethods.OpenQandA, Texts.QandAOpened);

public sealed class CloseQandACommand(CliEnvironment env) : QandASwitchVerb(env, HubMethods.CloseQandA, Texts.QandAClosed);

/// <summary>
/// <c>moderator qa configure [--no-review] [--anonymous] [--names-to-reviewers] [--topic T]… [--per-ten-minutes N]</c>:
/// sets every Q&A option at once (what is left out takes its default).
/// </summary>
public sealed class ConfigureQandACommand(CliEnvironment env) : HubCommand<ConfigureQandACommand.Settings>(env)
{
    public sealed class Settings : CommandOptions
    {
        [CommandOption("--no-review")]
        [LocalizedDescription(nameof(Texts.OptNoReview))]
        public bool NoReview { get; init; }

        [CommandOption("--anonymous")]
        [LocalizedDescription(nameof(Texts.OptAllowAnonymous))]
        public bool AllowAnonymous { get; init; }

        [CommandOption("--names-to-reviewers")]
        [LocalizedDescription(nameof(Texts.OptNamesToReviewers))]
        public bool NamesToReviewers { get; init; }

        [CommandOption("--topic <TOPIC>")]
        [LocalizedDescription(nameof(Texts.OptTopicList))]
        public string[] Topics { get; init; } = [];

        [CommandOption("--per-ten-minutes <N>")]
        [LocalizedDescription(nameof(Texts.OptPerTenMinutes))]
        public int PerTenMinutes { get; init; } = 5;
    }

    protected override string Method => HubMethods.ConfigureQandA;

    protected override ICommandRequest? Request(Settings s, string commandId, ForumState forum) =>
        new QandAOptionsRequest(commandId, !s.NoReview, s.AllowAnonymous, s.NamesToReviewers,
            [.. s.Topics.Select(t => t.Normalize(NormalizationForm.FormC))], s.PerTenMinutes);

    protected override string Done(Settings s, HubSession session, string commandId) => Texts.Get(Texts.QandAConfigured);
}
