using Spectre.Console;

namespace EventHub.SiteClient.Cli.Moderator;

/// <summary>The moderator acts for a named site: the check a host's verb does not need.</summary>
static class ModeratorSite
{
    public static ValidationResult Require(string? site, Func<ValidationResult> rest) =>
        string.IsNullOrWhiteSpace(site) ? ValidationResult.Error(Texts.Get(Texts.SiteRequired)) : rest();

    public static string? Normalize(string? site) => site?.Trim().ToUpperInvariant();
}
