namespace EventHub.Domain.Seeds;

/// <summary>
/// Reads <c>sites.csv</c>. The format is deliberately plain (no quoting, so no commas inside fields)
/// and is parsed by hand: a CSV library would only hide the line numbers the errors must name.
/// </summary>
internal static class SitesCsv
{
    public const string Header = "code,name,slug,region,gso";
    public const int ExpectedCount = 62;
    private const string HaNoiGso = "01";
    private static readonly string[] Columns = Header.Split(',');

    public static IReadOnlyList<BridgeSite> Parse(string text, string file)
    {
        var lines = SplitLines(text);
        if (lines.Count == 0 || lines[0] != Header)
            throw new SeedDataException(file, 1, $"the header must be exactly \"{Header}\"");

        var sites = new List<BridgeSite>();
        var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        var gsoCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 1; index < lines.Count; index++)
        {
            var line = index + 1;
            var site = ParseRow(lines[index], file, line);
            if (site.GsoCode == HaNoiGso)
                throw new SeedDataException(file, line, "Hà Nội (gso 01) hosts the main hall and is not a bridge point");
            RejectDuplicate(codes, "code", site.Code, file, line);
            RejectDuplicate(slugs, "slug", site.Slug, file, line);
            RejectDuplicate(gsoCodes, "gso", site.GsoCode, file, line);
            sites.Add(site);
            if (sites.Count > ExpectedCount)
                throw new SeedDataException(file, line, $"site number {sites.Count}; there must be exactly {ExpectedCount}");
        }

        if (sites.Count != ExpectedCount)
            throw new SeedDataException(file, lines.Count, $"only {sites.Count} sites; there must be exactly {ExpectedCount}");
        return sites;
    }

    private static BridgeSite ParseRow(string row, string file, int line)
    {
        if (row.Length == 0)
            throw new SeedDataException(file, line, "blank line; every line after the header is one site");
        var fields = row.Split(',');
        if (fields.Length != Columns.Length)
            throw new SeedDataException(file, line,
                $"expected {Columns.Length} fields ({Header}) but found {fields.Length}; commas are not allowed inside fields");
        for (var column = 0; column < fields.Length; column++)
        {
            if (SeedText.Problem(fields[column]) is { } problem)
                throw new SeedDataException(file, line, $"{Columns[column]} {problem}");
        }

        var (code, name, slug, region, gso) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (code.Length is < 2 or > 4 || !code.All(char.IsAsciiLetterUpper))
            throw new SeedDataException(file, line, $"code \"{code}\" must be 2 to 4 uppercase ASCII letters");
        if (!SeedText.IsSlug(slug))
            throw new SeedDataException(file, line, $"slug \"{slug}\" must be lowercase ASCII words joined by hyphens");
        if (!SiteRegions.All.Contains(region))
            throw new SeedDataException(file, line, $"region \"{region}\" is not one of: {string.Join(", ", SiteRegions.All)}");
        if (gso.Length != 2 || !gso.All(char.IsAsciiDigit))
            throw new SeedDataException(file, line, $"gso \"{gso}\" must be the two-digit administrative code");
        return new BridgeSite(code, name, slug, region, gso);
    }

    private static void RejectDuplicate(Dictionary<string, int> seen, string column, string value, string file, int line)
    {
        if (!seen.TryAdd(value, line))
            throw new SeedDataException(file, line, $"duplicate {column} \"{value}\" (first on line {seen[value]})");
    }

    /// <summary>Lines without their "\r\n" or "\n"; one final newline is allowed, blank lines are not.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
