using EventHub.Forum;

namespace EventHub.SpeakerQueue;

public static class SpeakerQueueSetup
{
    /// <summary>The seeded programme, put on the agenda once the forum is open.</summary>
    public static WebApplicationBuilder AddSpeakerQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IForumStartupStep, ProgrammeSeeding>();
        return builder;
    }
}
