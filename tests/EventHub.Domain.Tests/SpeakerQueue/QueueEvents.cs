using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>Short builders for the speaker-queue events most tests start from.</summary>
public static class QueueEvents
{
    public static FloorRequested Requested(string id, string site, string item = "discussion") =>
        new(id, item, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}");

    public static RequestApproved Approved(string id, string site) =>
        new(id, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}");

    public static SpeakerAdded Hall(string id, int position, string item = "discussion") =>
        new(id, item, null, $"Khách mời {id}", "Đại biểu", null, position);

    public static SpeechStarted Started(string id, string? site, int limit = 300) => site is null
        ? new(id, null, $"Khách mời {id}", "Đại biểu", null, limit)
        : new(id, site, $"Người nói {id}", "Chuyên viên", $"Chủ đề {id}", limit);
}
