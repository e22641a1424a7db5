using System.Text.Json;

namespace EventHub.Domain.Seeds;

/// <summary>Reads <c>forum.json</c>: the forum itself and its ordered programme.</summary>
internal static class ForumJson
{
    public const int MinSpeakingSeconds = 30;
    public const int MaxSpeakingSeconds = 3600;

    public static ForumSeed Parse(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = JsonLines.Index(utf8.Span, file);
        using var document = JsonDocument.Parse(utf8);
        var forum = new SeedJsonObject(document.RootElement, "", file, lines);
        forum.AllowOnly("id", "title", "titleEn", "theme", "themeEn", "date", "venue", "venueEn",
            "organiser", "organiserEn", "expectedAwardees", "programme");

        return new ForumSeed(
            forum.Key("id"),
            forum.Text("title"),
            forum.Text("titleEn"),
            forum.Text("theme"),
            forum.Text("themeEn"),
            forum.Date("date"),
            forum.Text("venue"),
            forum.Text("venueEn"),
            forum.Text("organiser"),
            forum.Text("organiserEn"),
            forum.Int("expectedAwardees", 0, 100_000),
            Programme(forum));
    }

    private static List<ProgrammeItemSeed> Programme(SeedJsonObject forum)
    {
        var entries = forum.Objects("programme", required: true);
        if (entries.Count == 0)
            throw forum.Error("programme", "\"programme\" must list at least one item");

        var items = new List<ProgrammeItemSeed>();
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.AllowOnly("key", "title", "titleEn", "defaultSpeakingSeconds", "speakers");
            var key = entry.Key("key");
            if (!firstLineOfKey.TryAdd(key, entry.LineOf("key")))
                throw entry.Error("key", $"duplicate programme key \"{key}\" (first on line {firstLineOfKey[key]})");
            items.Add(new ProgrammeItemSeed(
                key,
                entry.Text("title"),
                entry.Text("titleEn"),
                entry.Int("defaultSpeakingSeconds", MinSpeakingSeconds, MaxSpeakingSeconds),
                entry.Objects("speakers", required: false).Select(Speaker).ToList()));
        }
        return items;
    }

    private static SpeakerSeed Speaker(SeedJsonObject speaker)
    {
        speaker.AllowOnly("name", "title", "titleEn");
        return new SpeakerSeed(speaker.Text("name"), speaker.Text("title"), speaker.Text("titleEn"));
    }
}
