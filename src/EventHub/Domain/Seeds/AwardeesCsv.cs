using EventHub.Domain.Attendance;

namespace EventHub.Domain.Seeds;

/// <summary>
/// Reads <c>awardees.csv</c>: the award recipients the organisers expect, one "site,name" per line. A delegate
/// joining under one of these names at that site is counted as a recipient; anyone else only claims it.
/// </summary>
internal static class AwardeesCsv
{
    public const string Header = "site,name";

    public static AwardRecipients Parse(string text, string file, IReadOnlyList<BridgeSite> sites, int expected)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0 || lines[0] != Header)
            throw new SeedDataException(file, 1, $"the header must be exactly \"{Header}\"");

        var codes = sites.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var recipients = new List<(string, string)>();
        for (var index = 1; index < lines.Count; index++)
        {
            var line = index + 1;
            var fields = lines[index].Split(',');
            if (fields.Length != 2)
                throw new SeedDataException(file, line, $"expected 2 fields ({Header}) but found {fields.Length}; commas are not allowed inside fields");
            var (site, name) = (fields[0], fields[1]);
            if (SeedText.Problem(site) is { } siteProblem) throw new SeedDataException(file, line, $"site {siteProblem}");
            if (SeedText.Problem(name) is { } nameProblem) throw new SeedDataException(file, line, $"name {nameProblem}");
            if (!codes.Contains(site)) throw new SeedDataException(file, line, $"site \"{site}\" is not a code in sites.csv");
            if (!seen.TryAdd(AwardRecipients.KeyOf(site, name), line))
                throw new SeedDataException(file, line, $"duplicate recipient \"{name}\" at {site} (first on line {seen[AwardRecipients.KeyOf(site, name)]})");
            recipients.Add((site, name));
        }
        if (recipients.Count > expected)
            throw new SeedDataException(file, lines.Count, $"{recipients.Count} recipients, more than forum.json's expectedAwardees ({expected})");
        return new AwardRecipients(recipients);
    }
}
