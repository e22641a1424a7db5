namespace EventHub.SiteClient.Cli.Commands;

/// <summary>Registration data for an attendance verb: under <c>moderator</c> the site must be named.</summary>
public enum SiteOption { Optional, Required }

/// <summary>
/// An attendance verb, one class for the host and the moderator: a host acts for its own site (<c>--site</c> may
/// repeat it, never name another); the moderator must name the site. A wrong site is refused here, never sent.
/// </summary>
public abstract class SiteCommand<TSettings>(CliEnvironment env) : HubCommand<TSettings>(env) where TSettings : SiteSettings
{
    /// <summary>
    /// <c>moderator checkin</c> and the like: a missing <c>--site</c> is a usage error before any login is read.
    /// </summary>
    public override ValidationResult Validate(CommandContext context, TSettings settings) =>
        context.Data is SiteOption.Required && settings.Site is null
            ? ValidationResult.Error(Texts.Get(Texts.SiteRequired))
            : base.Validate(context, settings);

    protected override (string Code, string Message)? RefusedHere(TSettings settings) => RoleNames.Parse(Login.Role) switch
    {
        Role.Moderator when settings.Site is null => ("input.required", Texts.Get(Texts.SiteRequired)),
        Role.SiteHost when settings.Site is { } site && !string.Equals(site, Login.Site, StringComparison.OrdinalIgnoreCase) =>
            ("auth.other_site", Texts.Format(Texts.OwnSiteOnly, Login.Site)),
        _ => null,
    };
}
