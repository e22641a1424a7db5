using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Forum;
using EventHub.Operations;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Security;

/// <summary>
/// Writes the audit trail of hub calls (<see cref="AuditLog"/>): every moderator command with its outcome, delegate
/// removals and readmissions by name, site hosts' commands; and every refusal at Debug, counted in metrics. It runs
/// inside <see cref="Hubs.ForumHubFilter"/>, so it sees a refusal as the exception or the failed result behind it.
/// </summary>
public sealed class AuditHubFilter(ILoggerFactory loggers, HubMetrics metrics, ForumEngine engine) : IHubFilter
{
    readonly ILogger _logger = loggers.CreateLogger(AuditLog.Category);
    static readonly ConcurrentDictionary<Type, PropertyInfo?> SiteProperties = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var actor = context.Context.Items[typeof(Actor)] as Actor;
        // Read before the call: a removal's audit line names the delegate as they were.
        var before = engine.View.State;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (ForumRuleException ex)
        {
            After(context, actor, before, ex.Error.Code);
            throw;
        }
        After(context, actor, before, result is CommandResult { Ok: false } failed ? failed.Error?.Code ?? "error" : "ok");
        return result;
    }

    void After(HubInvocationContext context, Actor? actor, ForumState before, string outcome)
    {
        if (actor is null) return;
        var method = context.HubMethodName;
        var client = AuditLog.ClientOf(context.Context.GetHttpContext());
        if (outcome != "ok")
        {
            metrics.Refused(method, RoleNames.Of(actor.Role), outcome);
            AuditLog.Refused(_logger, method, RoleNames.Of(actor.Role), actor.Id, client, outcome);
        }
        if (context.HubMethod.ReturnType != typeof(Task<CommandResult>)) return;

        var request = context.HubMethodArguments.FirstOrDefault();
        var commandId = (request as ICommandRequest)?.CommandId;
        if (actor.Role == Role.Moderator)
        {
            if (!_logger.IsEnabled(LogLevel.Information)) return;
            AuditLog.ModeratorAction(_logger, method, actor.Id, actor.Name, client, context.Context.ConnectionId, commandId,
                SiteOf(request), outcome, Describe(request));
            if (outcome == "ok" && request is DelegateRequest { DelegateId: { } id })
            {
                var removed = before.Attendance.Delegates.GetValueOrDefault(id);
                if (method == HubMethods.RemoveDelegate)
                    AuditLog.DelegateRemoved(_logger, id, removed?.Name, removed?.Site, actor.Id, actor.Name, client, commandId);
                else if (method == HubMethods.ReadmitDelegate)
                    AuditLog.DelegateReadmitted(_logger, id, removed?.Name, removed?.Site, actor.Id, actor.Name, client, commandId);
            }
        }
        else if (actor.Role == Role.SiteHost && _logger.IsEnabled(LogLevel.Information))
        {
            AuditLog.HostAction(_logger, method, actor.Id, client, commandId, outcome, Describe(request));
        }
    }

    /// <summary>The site a request names, when its type has one (most site commands do).</summary>
    static string? SiteOf(object? request) => request is null ? null
        : SiteProperties.GetOrAdd(request.GetType(), type => type.GetProperty("Site", typeof(string)))?.GetValue(request) as string;

    static string Describe(object? request) =>
        request is null ? "null" : JsonSerializer.Serialize(request, request.GetType(), Json.Options);
}
