using System.Text.Json;
using EventHub.Domain.QandA;

namespace EventHub.SiteClient.Cli.QandA;

/// <summary>
/// <c>questions [--sort votes|newest|oldest] [--topic …] [--site …] [--status …] [--json]</c>: the questions this
/// login may see (published ones for delegates; the review queue too for the staff and a site's own host), with
/// the caller's own marked.
/// </summary>
public sealed class QuestionsCommand(CliEnvironment env) : HubQuery<QuestionsCommand.Settings>(env)
{
    public sealed class Settings : TimedSettings
    {
        [CommandOption("--sort <ORDER>")]
        [LocalizedDescription(nameof(Texts.OptQuestionSort))]
        public string Sort { get; init; } = "votes";

        [CommandOption("--topic <TOPIC>")]
        [LocalizedDescription(nameof(Texts.OptQuestionTopic))]
        public string? Topic { get; init; }

        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptQuestionSite))]
        public string? Site { get; init; }

        [CommandOption("--status <STATUS>")]
        [LocalizedDescription(nameof(Texts.OptQuestionStatus))]
        public string? Status { get; init; }

        [CommandOption("--json")]
        [LocalizedDescription(nameof(Texts.OptQuestionsJson))]
        public bool Json { get; init; }

        public QuestionOrder? Order => Sort.Trim().ToLowerInvariant() switch
        {
            "votes" => QuestionOrder.Votes,
            "newest" => QuestionOrder.Newest,
            "oldest" => QuestionOrder.Oldest,
            _ => null,
        };

        public QuestionStatus? StatusFilter => Enum.TryParse<QuestionStatus>(Status, ignoreCase: true, out var s) ? s : null;

        public override ValidationResult Validate()
        {
            if (Order is null) return Fail(Texts.BadQuestionSort);
            if (Status is not null && StatusFilter is null) return Fail(Texts.BadQuestionStatus);
            return base.Validate();
        }
    }

    protected override async Task<int> RunAsync(ForumClient client, Settings settings, CancellationToken cancellationToken)
    {
        var mine = await AskAsync<MyQandA>(client, HubMethods.MyQuestions, [], cancellationToken);
        var filter = new QuestionFilter(settings.Topic?.Trim(), settings.Site?.Trim().ToUpperInvariant(), settings.StatusFilter);
        var list = QandAQueries.List(client.Forum.State.QandA, settings.Order!.Value, filter);
        var own = mine.Questions.Select(q => q.QuestionId).ToHashSet(StringComparer.Ordinal);
        var voted = mine.Voted.ToHashSet(StringComparer.Ordinal);
        if (settings.Json) WriteJson(list, own, voted);
        else WriteTable(list, own, voted);
        return ExitCodes.Done;
    }

    void WriteJson(IReadOnlyList<Question> list, HashSet<string> own, HashSet<string> voted)
    {
        foreach (var q in list)
            Env.RawOut.WriteLine(JsonSerializer.Serialize(new
            {
                id = q.Id, kind = q.Kind, site = q.Site, topic = q.Topic, author = q.AuthorName, anonymous = q.Anonymous,
                text = q.Text, status = q.Status.ToString().ToLowerInvariant(), votes = q.Votes, submittedAt = q.SubmittedAt,
                mine = own.Contains(q.Id), voted = voted.Contains(q.Id),
            }, Json.Options));
    }

    void WriteTable(IReadOnlyList<Question> list, HashSet<string> own, HashSet<string> voted)
    {
        if (list.Count == 0)
        {
            Env.Out.WriteLine(Texts.Get(Texts.NoQuestions));
            return;
        }
        var table = new Table().AddColumns(Texts.Get(Texts.ColVotes), Texts.Get(Texts.ColSite), Texts.Get(Texts.ColStatus),
            Texts.Get(Texts.ColQuestion), "Id");
        foreach (var q in list)
        {
            var marks = (own.Contains(q.Id) ? "★ " : "") + (voted.Contains(q.Id) ? "✓ " : "");
            table.AddRow(q.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Site,
                q.Status.ToString().ToLowerInvariant(), Markup.Escape(marks + q.Text), q.Id);
        }
        Env.Out.Write(table);
    }
}
