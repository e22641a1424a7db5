using System.Text.Json;
using EventHub.Domain.Forum;

namespace EventHub.Domain.Protocol;

/// <summary>A forum state as JSON, for a client too far behind to replay events.</summary>
public static class Snapshots
{
    public static string Serialize(ForumState state) => JsonSerializer.Serialize(state, Json.Options);

    public static ForumState Deserialize(string json) =>
        JsonSerializer.Deserialize<ForumState>(json, Json.Options) ?? throw new JsonException("Empty snapshot.");
}
