using System.Net;
using System.Net.Http.Headers;
using EventHub.SiteClient.Cli.Config;

namespace EventHub.SiteClient.Cli;

/// <summary>
/// Who this run acts as and where the hub is: the remembered login, with <c>--hub</c> taking precedence.
/// Failures come back as an exit code with the message already written, so commands stay short.
/// </summary>
public sealed class HubSession
{
    HubSession(SiteConfig login, Uri hub)
    {
        Login = login;
        Hub = hub;
    }

    public SiteConfig Login { get; }
    public Uri Hub { get; }
    public Uri HubUrl => new(Hub, "/hubs/forum");

    public static HubSession? Open(CliEnvironment env, CliSettings settings, out int exitCode)
    {
        exitCode = ExitCodes.Usage;
        var file = ConfigFile.Locate(settings.Config, env.Variable);
        SiteConfig? login;
        try
        {
            login = file.Read();
        }
        catch (InvalidDataException ex)
        {
            env.Error.WriteLine(Texts.Format(Texts.BadConfig, file.Path, ex.Message));
            return null;
        }
        if (login is null)
        {
            env.Error.WriteLine(Texts.Get(Texts.NotLoggedIn));
            return null;
        }
        exitCode = ExitCodes.Done;
        return new HubSession(login, new Uri(settings.Hub ?? login.Hub));
    }

    public ForumClient CreateClient() => new(new ForumClientOptions
    {
        HubUrl = HubUrl,
        AccessToken = () => Task.FromResult<string?>(Login.Token),
        ReconnectDelay = TimeSpan.FromMilliseconds(500),
    });

    /// <summary>
    /// A token that ends the wait when the hub closes the connection for good (a removed delegate): the client
    /// stops reconnecting then, so waiting longer would only end in a timeout.
    /// </summary>
    public static CancellationTokenSource EndOnRefusal(ForumClient client, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        client.StateChanged += state =>
        {
            if (state == LinkState.Refused) source.Cancel();
        };
        return source;
    }

    public enum Probe { Accepted, TokenRejected, NoAnswer }

    /// <summary>
    /// One negotiate request before connecting: a rejected token is final (log in again), which the client's
    /// endless reconnect would otherwise hide until the timeout.
    /// </summary>
    public async Task<Probe> ProbeAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Hub, "/hubs/forum/negotiate?negotiateVersion=1"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Login.Token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? Probe.TokenRejected : Probe.Accepted;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Probe.NoAnswer;
        }
    }

    /// <summary>The hub's code and its message in the run's language.</summary>
    public static void WriteRefusal(CliEnvironment env, EventHub.Domain.Protocol.ErrorInfo error) =>
        env.Error.WriteLine(Texts.Format(Texts.Refused, error.Code,
            LanguageChoice.Current == Language.En ? error.MessageEn : error.Message));

    public static void WriteTokenRejected(CliEnvironment env) =>
        env.Error.WriteLine(Texts.Format(Texts.Refused, "auth.token", Texts.Get(Texts.TokenRejected)));
}
