using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Operations;

/// <summary>
/// Counts every hub call by outcome (ok, or the error code), times it, and measures resumes. Whether it runs inside
/// or outside <see cref="Hubs.ForumHubFilter"/>, it sees the outcome: a structured result or the exception behind it.
/// </summary>
public sealed class MetricsHubFilter(HubMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        object? result;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            metrics.CallTook(context.HubMethodName, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            metrics.Command(context.HubMethodName, ex switch
            {
                ForumRuleException rule => rule.Error.Code,
                Storage.StoreUnavailableException => "store.unavailable",
                HubException => "refused",
                OperationCanceledException => "cancelled",
                _ => "server.error",
            });
            throw;
        }
        metrics.CallTook(context.HubMethodName, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        switch (result)
        {
            case CommandResult command:
                metrics.Command(context.HubMethodName, command.Ok ? "ok" : command.Error?.Code ?? "error");
                break;
            case ResumeResult resume:
                metrics.Resumed(resume.Events.Count, resume.Snapshot is not null);
                metrics.Command(context.HubMethodName, "ok");
                break;
            default:
                metrics.Command(context.HubMethodName, "ok");
                break;
        }
        return result;
    }
}
