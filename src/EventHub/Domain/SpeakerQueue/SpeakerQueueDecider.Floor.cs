using EventHub.Domain.Forum;

namespace EventHub.Domain.SpeakerQueue;

/// <summary>The floor: who speaks, for how long, paused or not. One speech at a time in the whole forum.</summary>
public static partial class SpeakerQueueDecider
{
    static IReadOnlyList<ForumEvent> CallNext(SpeakerQueueState state, CallNext c)
    {
        CheckExpected(state, c.ExpectedCurrent);
        var item = state.CurrentItem ?? throw Errors.NoCurrentAgendaItem();
        var next = state.QueueOf(item).FirstOrDefault(r => r.Status == RequestStatus.Approved) ?? throw Errors.NoNextSpeaker();
        return Start(state, next, c.LimitSeconds);
    }

    static IReadOnlyList<ForumEvent> GiveFloor(SpeakerQueueState state, GiveFloor c)
    {
        var request = InStatus(state, c.RequestId, "trao lời cho", "give the floor to", RequestStatus.Waiting, RequestStatus.Approved);
        CheckExpected(state, c.ExpectedCurrent);
        return Start(state, request, c.LimitSeconds);
    }

    /// <summary>Ends the speech in progress, if any, and starts this one: one command, so never two speakers.</summary>
    static IReadOnlyList<ForumEvent> Start(SpeakerQueueState state, SpeakerRequest next, int? limitSeconds)
    {
        var limit = limitSeconds is { } seconds ? Limit(seconds, "limitSeconds") : state.Item(next.ItemId)!.DefaultSpeakingSeconds;
        var started = new SpeechStarted(next.Id, next.Site, next.Speaker, next.SpeakerTitle, next.Topic, limit);
        return state.Floor is { } floor ? [new SpeechEnded(floor.RequestId), started] : [started];
    }

    /// <summary>The caller must have seen the floor as it is; otherwise another console acted first.</summary>
    static void CheckExpected(SpeakerQueueState state, string? expected)
    {
        if (state.Floor?.RequestId != (string.IsNullOrEmpty(expected) ? null : expected)) throw Errors.FloorChanged();
    }

    static Speech Speaking(SpeakerQueueState state, string? requestId)
    {
        var request = Find(state, requestId);
        if (state.Floor is { } floor && floor.RequestId == request.Id) return floor;
        throw request.IsFinished ? Errors.RequestFinished(Name(request.Status)) : Errors.NotSpeaking();
    }

    static IReadOnlyList<ForumEvent> Pause(SpeakerQueueState state, PauseSpeech c)
    {
        var speech = Speaking(state, c.RequestId);
        return speech.IsPaused ? throw Errors.AlreadyPaused() : [new SpeechPaused(speech.RequestId)];
    }

    static IReadOnlyList<ForumEvent> Resume(SpeakerQueueState state, ResumeSpeech c)
    {
        var speech = Speaking(state, c.RequestId);
        return speech.IsPaused ? [new SpeechResumed(speech.RequestId)] : throw Errors.NotPaused();
    }

    static IReadOnlyList<ForumEvent> AddTime(SpeakerQueueState state, AddTime c)
    {
        var seconds = Limit(c.Seconds, "seconds");
        var speech = Speaking(state, c.RequestId);
        if (speech.LimitSeconds + seconds > MaxTotalSpeakingSeconds)
            throw Errors.OutOfRange("seconds", 1, MaxTotalSpeakingSeconds - speech.LimitSeconds);
        return [new SpeechTimeAdded(speech.RequestId, seconds)];
    }
}
