using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

public sealed class StatisticsTests
{
    [Fact]
    public void GivenSpeechesFromSitesAndTheHall_WhenReporting_ThenCountsSpokenAndWaitedTimesAddUpPerSiteAndSpeaker()
    {
        var spec = Spec.Agenda()
            .Given(new ListOptionsSet("discussion", 300, false))
            .Given(QueueEvents.Requested("a", "HCM")).After(9_000)               // requested at t, floor at t+10 s
            .Given(QueueEvents.Started("a", "HCM")).After(29_000)                // speaks 30 s
            .Given(new SpeechEnded("a"), QueueEvents.Hall("h", 1))               // hall speaker added at once
            .Given(QueueEvents.Started("h", null)).After(59_000)                 // waited 1 s, speaks 60 s
            .Given(new SpeechEnded("h"), new FloorRequested("a2", "discussion", "HCM", "NGƯỜI NÓI A", null, "Tiếp"))
            .Given(new SpeechStarted("a2", "HCM", "NGƯỜI NÓI A", null, "Tiếp", 300)).After(4_000) // waited 1 s, speaks 5 s
            .Given(new SpeechEnded("a2"), QueueEvents.Requested("w", "DNG"));     // still waiting: not in the report

        var report = SpeakingReport.Of(spec.Queue);

        Assert.Equal([new SiteStatistics(null, 1, 60_000, 1_000), new SiteStatistics("HCM", 2, 35_000, 11_000)], report.Sites);
        Assert.Equal([new SpeakerStatistics("Khách mời h", null, 1, 60_000, 1_000),
            new SpeakerStatistics("Người nói a", "HCM", 2, 35_000, 11_000)], report.Speakers);
    }

    [Fact]
    public void GivenNoSpeeches_WhenReporting_ThenEmpty()
    {
        var report = SpeakingReport.Of(Spec.Agenda().Given(QueueEvents.Requested("a", "HCM")).Queue);
        Assert.Empty(report.Sites);
        Assert.Empty(report.Speakers);
    }
}
