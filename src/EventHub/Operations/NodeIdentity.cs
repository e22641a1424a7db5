namespace EventHub.Operations;

/// <summary>
/// This node's name in presence and metrics: EventHub:NodeName, or machine-pid-random (two test nodes can share
/// a process, and a restarted node must not be taken for its dead predecessor).
/// </summary>
public sealed record NodeIdentity(string Name)
{
    public static NodeIdentity From(IConfiguration configuration) => new(
        configuration["EventHub:NodeName"] is { Length: > 0 } name
            ? name
            : $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..2])}");
}
