using EventHub.Domain.Forum;

namespace EventHub.Forum;

/// <summary>Client-generated command ids: 8–64 characters of [A-Za-z0-9_-] (a GUID fits).</summary>
public static class CommandIds
{
    public static void Validate(string? commandId)
    {
        if (commandId is null || commandId.Length is < 8 or > 64 || !commandId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw Errors.BadCommandId();
    }
}
