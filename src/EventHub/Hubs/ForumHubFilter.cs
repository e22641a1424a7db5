using System.Text.Json;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Hubs;

/// <summary>
/// Turns every refusal into the structured error the caller sees, and never lets a stack trace out:
/// command methods return <see cref="CommandResult"/> with <c>Ok = false</c>; other methods throw a
/// <see cref="HubException"/> whose message is the error as JSON ({code, message, messageEn}).
/// </summary>
public sealed partial class ForumHubFilter(ILogger<ForumHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ForumError error;
        try
        {
            return await next(context);
        }
        catch (ForumRuleException ex)
        {
            error = ex.Error;
        }
        catch (StoreUnavailableException ex)
        {
            StoreUnavailable(logger, context.HubMethodName, ex);
            error = Errors.StoreUnavailable().Error;
        }
        catch (OperationCanceledException) when (context.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw; // the caller is gone; nobody is waiting for an answer
        }
        catch (Exception ex) when (ex is not HubException)
        {
            Unexpected(logger, context.HubMethodName, ex);
            error = Errors.Internal().Error;
        }

        var info = new ErrorInfo(error.Code, error.Message, error.MessageEn, error.RetryAfterMs);
        if (context.HubMethod.ReturnType == typeof(Task<CommandResult>))
        {
            var commandId = context.HubMethodArguments.OfType<ICommandRequest>().FirstOrDefault()?.CommandId ?? "";
            return CommandResult.Failed(commandId, info);
        }
        throw new HubException(JsonSerializer.Serialize(info, Json.Options));
    }

    // Debug: the store's outage is logged once where it is seen (RedisEventLog, each background loop), not per call.
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Hub method {Method}: the store did not answer")]
    static partial void StoreUnavailable(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Hub method {Method} failed unexpectedly; the caller got server.error")]
    static partial void Unexpected(ILogger logger, string method, Exception exception);
}
