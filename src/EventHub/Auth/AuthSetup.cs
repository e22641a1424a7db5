using EventHub.Domain.Seeds;
using EventHub.Operations;
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
        services.AddSingleton(sp => Credentials.LoadOrCreate(
            sp.GetRequiredService<EventHubOptions>().CredentialsPath,
            sp.GetRequiredService<SeedData>().Sites.Select(s => s.Code)));
        services.AddSingleton<TokenIssuer>();
        services.AddHostedService<CredentialsStartup>();

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
                        return Task.CompletedTask;
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
