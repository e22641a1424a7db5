using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;

namespace EventHub.Storage.Redis;

/// <summary>
/// A command's first answer as the outcomes hash holds it: "first,last" when its events were written (the append
/// script writes it so), "0,0" for no change, a refusal as its error's JSON {code, message, messageEn}.
/// </summary>
static class OutcomeRecord
{
    const string Unchanged = "0,0";

    public static string Write(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Written written => $"{written.First},{written.Last}",
        CommandOutcome.Unchanged => Unchanged,
        CommandOutcome.Refused refused => JsonSerializer.Serialize(refused.Error, Json.Options),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>Reads a record back; anything that does not fit is corrupt data, never taken as "no answer".</summary>
    public static CommandOutcome Read(string? record, string where)
    {
        try
        {
            if (record == Unchanged) return CommandOutcome.Unchanged.Instance;
            if (record is ['{', ..])
                return new CommandOutcome.Refused(JsonSerializer.Deserialize<ForumError>(record, Json.Options)
                    is { Code.Length: > 0, Message: not null, MessageEn: not null } error
                    ? error
                    : throw new InvalidDataException("incomplete error"));
            var parts = (record ?? "").Split(',');
            return parts.Length == 2 && long.TryParse(parts[0], out var first) && long.TryParse(parts[1], out var last)
                ? new CommandOutcome.Written(first, last)
                : throw new InvalidDataException("not 'first,last'");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new CorruptLogException($"{where}: command record '{record}': {ex.Message} — dữ liệu hỏng / corrupt data in Redis.");
        }
    }
}
