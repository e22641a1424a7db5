using Microsoft.AspNetCore.SignalR;

namespace EventHub.Security;

public static class SecuritySetup
{
    /// <summary>The audit trail of hub calls. Registered after the error and metrics filters, so it runs inside them.</summary>
    public static WebApplicationBuilder AddHubAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditHubFilter>();
        builder.Services.Configure<HubOptions>(options => options.AddFilter<AuditHubFilter>());
        return builder;
    }
}
