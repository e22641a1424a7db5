using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace EventHub.Operations;

/// <summary>"EventHub:Management": where the operator's endpoints (/metrics, and any admin endpoint) answer.</summary>
public sealed class ManagementSettings
{
    /// <summary>
    /// A second address the node listens on (ASP.NET Core URL syntax, e.g. "http://+:9464"); management endpoints
    /// answer there and nowhere else unless <see cref="Token"/> is set. The balancer never forwards to it.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>When set, management endpoints also answer on the public port to "Authorization: Bearer TOKEN".</summary>
    public string? Token { get; set; }
}

/// <summary>
/// Who may read a management endpoint: a request that arrived on the management port (the socket's own port, not
/// the Host header, which a caller writes), or one that carries the management token. Neither configured: nobody.
/// </summary>
public static class ManagementAccess
{
    public const string Policy = "management";

    public static WebApplicationBuilder AddManagementAccess(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection($"{EventHubOptions.Section}:Management").Get<ManagementSettings>()
            ?? new ManagementSettings();
        int? port = null;
        if (settings.Url is { Length: > 0 } url)
        {
            port = BindingAddress.Parse(url).Port;
            // Listen on the management address as well as the public ones ("urls" from the command line,
            // ASPNETCORE_URLS or appsettings).
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured
                ? configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : ["http://localhost:5000"];
            builder.WebHost.UseUrls([.. urls.Where(u => u != url), url]);
        }
        var token = settings.Token is { Length: > 0 } t ? Encoding.UTF8.GetBytes(t) : null;
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy =>
            policy.RequireAssertion(context => context.Resource is HttpContext http && Allows(http, port, token)));
        return builder;
    }

    /// <summary>Only callers allowed by <see cref="Policy"/> reach this endpoint.</summary>
    public static TBuilder RequireManagementAccess<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Policy);

    static bool Allows(HttpContext http, int? port, byte[]? token)
    {
        if (port is { } p && http.Connection.LocalPort == p) return true;
        if (token is null) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), token);
    }
}
