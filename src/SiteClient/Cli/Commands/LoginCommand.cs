using EventHub.SiteClient.Cli.Config;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>Exchanges a key (or a delegate's join code and name) for a token and remembers it with the hub address.</summary>
public sealed class LoginCommand(CliEnvironment env) : AsyncCommand<LoginCommand.Settings>
{
    public sealed class Settings : TimedSettings
    {
        [CommandOption("--role <ROLE>")]
        [LocalizedDescription(nameof(Texts.OptRole))]
        public string Role { get; init; } = "host";

        [CommandOption("--key <KEY>")]
        [LocalizedDescription(nameof(Texts.OptKey))]
        public string? Key { get; init; }

        [CommandOption("--site <CODE>")]
        [LocalizedDescription(nameof(Texts.OptSite))]
        public string? Site { get; init; }

        [CommandOption("--name <NAME>")]
        [LocalizedDescription(nameof(Texts.OptName))]
        public string? Name { get; init; }

        [CommandOption("--agency <AGENCY>")]
        [LocalizedDescription(nameof(Texts.OptAgency))]
        public string? Agency { get; init; }

        [CommandOption("--awardee")]
        [LocalizedDescription(nameof(Texts.OptAwardee))]
        public bool Awardee { get; init; }

        /// <summary>The hub's role name for what the user typed.</summary>
        public string? HubRole => Role.Trim().ToLowerInvariant() switch
        {
            "host" or "sitehost" => "siteHost",
            "delegate" => "delegate",
            "moderator" => "moderator",
            "reviewer" => "reviewer",
            "display" => "display",
            _ => null,
        };

        public override ValidationResult Validate()
        {
            if (HubRole is null) return Fail(Texts.BadRole);
            if (string.IsNullOrWhiteSpace(Key)) return Fail(Texts.KeyRequired);
            if (HubRole is "siteHost" or "delegate" && string.IsNullOrWhiteSpace(Site)) return Fail(Texts.SiteRequired);
            if (HubRole is "delegate" && string.IsNullOrWhiteSpace(Name)) return Fail(Texts.NameRequired);
            return base.Validate();
        }
    }

    /// <summary>"chủ tọa", "người phụ trách điểm cầu TP. Hồ Chí Minh (HCM)": the role in words, not the hub's role name.</summary>
    static string Who(Identity identity) => identity.Role switch
    {
        "moderator" => Texts.Get(Texts.RoleModerator),
        "siteHost" => Texts.Format(Texts.RoleHost, SiteNames.Label(identity.Site ?? "")),
        "delegate" => Texts.Format(Texts.RoleDelegate, identity.Name, SiteNames.Label(identity.Site ?? "")),
        _ => Texts.Get(Texts.RoleDisplay),
    };

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var file = ConfigFile.Locate(settings.Config, env.Variable);
        SiteConfig? previous = null;
        try
        {
            previous = file.Read();
        }
        catch (InvalidDataException)
        {
            // A broken file is replaced by this login.
        }
        var hubText = settings.Hub ?? previous?.Hub;
        if (hubText is null)
        {
            env.Error.WriteLine(Texts.Get(Texts.NoHub));
            return ExitCodes.Usage;
        }
        var hub = new Uri(hubText);
        var request = new LoginRequest(settings.HubRole!, settings.Key!.Trim(), settings.Site?.Trim().ToUpperInvariant(),
            settings.Name?.Normalize(System.Text.NormalizationForm.FormC), settings.Agency?.Normalize(System.Text.NormalizationForm.FormC),
            settings.Awardee);

        using var http = new HttpClient { Timeout = settings.Timeout > 0 ? TimeSpan.FromSeconds(settings.Timeout) : Timeout.InfiniteTimeSpan };
        try
        {
            var result = await HubLogin.LoginAsync(http, hub, request, cancellationToken);
            var identity = result.Identity;
            file.Write(new SiteConfig(hub.ToString(), result.Token, result.ExpiresAt, identity.Role, identity.Site, identity.Name));
            env.Out.WriteLine(Texts.Format(Texts.LoggedIn, Who(identity), file.Path));
            return ExitCodes.Done;
        }
        catch (HubRefusedException ex)
        {
            HubSession.WriteRefusal(env, ex.Error);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            env.Error.WriteLine(Texts.Format(Texts.Unreachable, hub, ex.Message));
            return ExitCodes.Unreachable;
        }
    }
}
