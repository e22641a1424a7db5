using Microsoft.AspNetCore.SignalR;

namespace EventHub.Attendance;

public static class AttendanceSetup
{
    /// <summary>The gate that keeps removed delegates out, and the system's clock-driven attendance actions.</summary>
    public static WebApplicationBuilder AddAttendance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<DelegateGate>();
        services.Configure<HubOptions>(options => options.AddFilter<DelegateGate>());
        services.AddHostedService<AttendanceWatchdog>();
        return builder;
    }
}
