using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.Seeds;
using EventHub.Operations;
using EventHub.Storage.Redis;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace EventHub.Auth;

public static class AuthSetup
{
    public static WebApplicationBuilder AddForumAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var clustered = builder.Configuration.GetConnectionString("Redis") is { Length: > 0 };
        services.AddSingleton(sp => SigningKey.Resolve(sp.GetRequiredService<EventHubOptions>(), clustered));
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<EventHubOptions>().CredentialsPath;
            return new KeyRing(Credentials.LoadOrCreate(path, sp.GetRequiredService<SeedData>().Sites.Select(s => s.Code)),
                path, sp.GetRequiredService<ITokenStore>());
        });
        // Transient: whoever asks gets the keys as they are now, after any rotation.
        services.AddTransient(sp => sp.GetRequiredService<KeyRing>().Current);
        services.AddSingleton<ITokenStore>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisTokenStore(redis, sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<TimeProvider>())
            : new FileTokenStore(Path.Combine(sp.GetRequiredService<EventHubOptions>().DataDirectory, "revoked-sessions.json"),
                sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<TokenValidity>();
        services.AddSingleton<TokenGate>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionRefresh>();
        services.AddHostedService<CredentialsStartup>();
        services.AddHostedService<TokenSync>();
        // After every Configure: inside the hub's error filter, so a refusal here is answered like any other.
        services.AddOptions<HubOptions>().PostConfigure(options => options.AddFilter<TokenGate>());

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey>((jwt, key) =>
            {
                jwt.MapInboundClaims = false;
                jwt.SaveToken = false; // nothing reads the token back from the request once it is validated
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthSettings.Issuer,
                    ValidAudience = AuthSettings.Audience,
                    IssuerSigningKey = key.Key,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ForumClaims.Name,
                    RoleClaimType = ForumClaims.Role,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets or EventSource: the token rides in the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs") &&
                            context.Request.Query["access_token"] is { Count: > 0 } token)
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is { } user) context.Principal = ForumClaims.Slim(user);
                        // Signed and unexpired is not enough: a logged-out session or a rotated key ends the token.
                        if (context.HttpContext.RequestServices.GetRequiredService<TokenValidity>().Refusal(context.Principal) is { } refusal)
                            context.Fail(new TokenEndedException(refusal));
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        // The API answers with the structured reason; the hub's negotiate and /metrics keep a bare 401.
                        if (!context.Request.Path.StartsWithSegments("/api")) return;
                        context.HandleResponse();
                        var error = (context.AuthenticateFailure as TokenEndedException)?.Error ?? AuthErrors.BadToken().Error;
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await context.Response.WriteAsJsonAsync(
                            new { error = new ErrorInfo(error.Code, error.Message, error.MessageEn) }, Json.Options);
                    },
                };
            });
        services.AddAuthorization();
        return builder;
    }
}

/// <summary>Creates (or checks) the credentials and the signing key at start-up, not at the first login.</summary>
sealed class CredentialsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SigningKey>();
        services.GetRequiredService<Credentials>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A signed, unexpired token that no longer stands (logged out, or its key rotated).</summary>
public sealed class TokenEndedException(ForumError error) : Exception(error.MessageEn)
{
    public ForumError Error { get; } = error;
}
