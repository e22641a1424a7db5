namespace EventHub.SiteClient.Cli;

/// <summary>
/// The bridge points' province names (from <c>seeds/sites.csv</c>, built into the tool): the log names a site by
/// its code, a person reads "TP. Hồ Chí Minh". A code the list does not know is shown as it is.
/// </summary>
static class SiteNames
{
    static readonly Dictionary<string, string> Names = Load();

    /// <summary>"TP. Hồ Chí Minh", or the code when unknown.</summary>
    public static string Name(string code) => Names.GetValueOrDefault(code, code);

    /// <summary>"TP. Hồ Chí Minh (HCM)": the name to read, the code to type in a command.</summary>
    public static string Label(string code) => Names.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    /// <summary>A typed code as the hub spells it ("dng " → "DNG"); null for none.</summary>
    public static string? Code(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim().ToUpperInvariant();

    static Dictionary<string, string> Load()
    {
        using var stream = typeof(SiteNames).Assembly.GetManifestResourceStream("sites.csv")
            ?? throw new InvalidOperationException("sites.csv is not built into the tool.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        reader.ReadLine(); // code,name,slug,region,gso
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 2) names[cells[0].Trim()] = cells[1].Trim().Normalize(System.Text.NormalizationForm.FormC);
        }
        return names;
    }
}
