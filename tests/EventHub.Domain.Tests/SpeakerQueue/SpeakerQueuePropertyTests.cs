using CsCheck;
using EventHub.Domain.Forum;
using EventHub.Domain.Protocol;
using EventHub.Domain.SpeakerQueue;

namespace EventHub.Domain.Tests.SpeakerQueue;

/// <summary>
/// Random sequences of commands, from random callers with random (often wrong) arguments, never break the
/// speaker queue's invariants; refusals are always <see cref="ForumRuleException"/> and never a crash.
/// Speaking time is checked against an independent model: the clock time during which each speaker held the
/// floor unpaused.
/// </summary>
public sealed class SpeakerQueuePropertyTests
{
    /// <summary>One random step: which command, an index to pick ids with, a number argument, who calls, time passing.</summary>
    public sealed record Step(int Op, int Pick, int Arg, int Who, int AdvanceMs);

    static readonly Gen<Step> StepGen = Gen.Select(Gen.Int[0, 22], Gen.Int[0, 40], Gen.Int[-2, 8], Gen.Int[0, 6],
        Gen.Int[0, 90_000], (op, pick, arg, who, dt) => new Step(op, pick, arg, who, dt));

    [Fact]
    public void RandomCommandSequences_KeepTheInvariants() =>
        StepGen.Array[1, 120].Sample(Run, iter: 400);

    static void Run(Step[] steps)
    {
        var run = new Model();
        for (var i = 0; i < steps.Length; i++) run.Apply(steps[i], i);
    }

    sealed class Model
    {
        ForumState _state = ForumState.Initial;
        ForumState _public = ForumState.Initial;
        ForumState _hcmView = ForumState.Initial;
        long _now = Spec.T0;
        long _seq;
        readonly Dictionary<string, long> _spoken = new(StringComparer.Ordinal);

        public Model()
        {
            Commit([new ForumOpened("f", "Tọa đàm", Spec.Sites)], Spec.Moderator);
            Commit([new AgendaItemAdded("discussion", "Thảo luận", 300), new AgendaItemAdded("closing", "Bế mạc", 120)],
                Spec.Moderator);
        }

        SpeakerQueueState Q => _state.SpeakerQueue;

        public void Apply(Step step, int index)
        {
            // The independent model of speaking time: whoever holds the floor unpaused speaks while the clock moves.
            if (Q.Floor is { IsPaused: false } floor) _spoken[floor.RequestId] = _spoken.GetValueOrDefault(floor.RequestId) + step.AdvanceMs;
            _now += step.AdvanceMs;

            var (command, actor) = CommandFor(step, $"r{index}");
            IReadOnlyList<ForumEvent> events;
            try
            {
                events = ForumDecider.Decide(_state, command, actor, _now);
            }
            catch (ForumRuleException)
            {
                return; // refused: nothing to fold, nothing changed
            }
            Commit(events, actor);
            CheckInvariants();
        }

        void Commit(IReadOnlyList<ForumEvent> events, Actor actor)
        {
            foreach (var e in events)
            {
                var context = new EventContext(++_seq, _now, actor);
                _state = ForumState.Evolve(_state, e, context);
                // What a delegate and HCM's host fold from the events they receive must equal their snapshot view.
                _public = ForumState.Evolve(_public, Visibility.Public(e), context);
                var forHcm = Visibility.IsPrivateTo(e, out var site) && site == "HCM" ? e : Visibility.Public(e);
                _hcmView = ForumState.Evolve(_hcmView, forHcm, context);
            }
        }

        (ForumCommand, Actor) CommandFor(Step s, string fresh)
        {
            var ids = Q.Requests.Keys.ToList();
            var id = s.Pick < ids.Count ? ids[s.Pick] : s.Pick % 3 == 0 ? fresh : "missing";
            var site = Spec.Sites[s.Pick % Spec.Sites.Length];
            var items = Q.Agenda.Select(i => i.Id).ToList();
            var item = s.Arg < 0 ? "nope" : s.Arg % 3 == 0 ? null : items[s.Arg % items.Count];
            var floorId = s.Arg == 7 ? "stale" : Q.Floor?.RequestId;
            var actor = s.Who switch
            {
                0 or 1 or 2 => Spec.Moderator,
                3 or 4 => Spec.Host(Q.Request(id)?.Site ?? site),
                5 => Spec.Host(Spec.Sites[(s.Pick + 1) % Spec.Sites.Length]),
                _ => Actor.Delegate(site, "Lan", "d1"),
            };
            ForumCommand command = s.Op switch
            {
                0 => new RequestFloor(fresh, site, item, $"Người {s.Pick}", null, "Chủ đề"),
                1 => new WithdrawRequest(id),
                2 => new AddSpeaker(fresh, item, s.Pick % 2 == 0 ? null : site, "Khách", null, null, s.Arg < 0 ? null : s.Arg),
                3 => new ApproveRequest(id),
                4 => new DeclineRequest(id, s.Arg > 4 ? "Lý do" : null),
                5 => new MoveRequest(id, s.Arg),
                6 => new RemoveRequest(id),
                7 => new CallNext(floorId, s.Arg > 5 ? s.Arg * 30 : null),
                8 => new GiveFloor(id, floorId, s.Arg == 0 ? 0 : null),
                9 => new EndSpeech(s.Arg > 1 ? Q.Floor?.RequestId ?? id : id),
                10 => new PauseSpeech(Q.Floor?.RequestId ?? id),
                11 => new ResumeSpeech(Q.Floor?.RequestId ?? id),
                12 => new AddTime(Q.Floor?.RequestId ?? id, s.Arg * 600),
                13 => new ReAddLastSpeaker(fresh),
                14 => new ApplyOrder(null, s.Arg % 2 == 0 && Q.CurrentItem is { } current
                    ? SpeakerQueueQueries.SuggestFairOrder(Q, current)
                    : Q.CurrentItem?.Queue.Reverse().ToList() ?? []),
                15 => new CloseList(item),
                16 => new ReopenList(item),
                17 => s.Arg > 6 ? new ClearList(item) : new ApproveRequest(id),
                18 => new SetCurrentAgendaItem(item ?? "discussion"),
                19 => new SetListOptions(item, 60 + s.Pick, s.Arg % 2 == 0),
                20 => new MoveAgendaItem(item ?? "closing", s.Arg),
                21 => new AddAgendaItem(fresh, "Mục mới", s.Arg * 100),
                _ => new RequestFloor(fresh, site, null, s.Arg > 3 ? "" : "An\u0007", null, "Chủ đề"),
            };
            return (command, actor);
        }

        void CheckInvariants()
        {
            // No duplicate entries: each queued id appears once across all lists, and only queued requests appear.
            var queued = Q.Agenda.SelectMany(i => i.Queue.Select(id => (Item: i.Id, Id: id))).ToList();
            Assert.Equal(queued.Count, queued.Select(q => q.Id).Distinct().Count());
            foreach (var (itemId, id) in queued)
            {
                Assert.True(Q.Requests[id].IsQueued, $"{id} is {Q.Requests[id].Status} but still listed");
                Assert.Equal(itemId, Q.Requests[id].ItemId);
            }
            // Contiguous positions: every queued request is listed, so positions are exactly 1..n per list.
            Assert.Equal(Q.Requests.Values.Count(r => r.IsQueued), queued.Count);
            Assert.Equal(Enumerable.Range(1, SpeakerQueueQueries.Positions(Q).Count),
                SpeakerQueueQueries.Positions(Q).Select(p => p.Position));

            // At most one speaker, and it is the floor.
            var speaking = Q.Requests.Values.Where(r => r.Status == RequestStatus.Speaking).ToList();
            Assert.True(speaking.Count <= 1);
            Assert.Equal(speaking.SingleOrDefault()?.Id, Q.Floor?.RequestId);

            // Times add up: each finished speech matches the model; statistics sum the same time.
            var done = Q.Requests.Values.Where(r => r.Status == RequestStatus.Done).ToList();
            foreach (var r in done) Assert.Equal(_spoken.GetValueOrDefault(r.Id), r.SpokenMs);
            var report = SpeakingReport.Of(Q);
            Assert.Equal(done.Sum(r => r.SpokenMs), report.Sites.Sum(s => s.SpokenMs));
            Assert.Equal(done.Sum(r => r.SpokenMs), report.Speakers.Sum(s => s.SpokenMs));
            Assert.Equal(done.Count, report.Sites.Sum(s => s.Speeches));
            if (Q.Floor is { } floor)
                Assert.Equal(floor.LimitSeconds * 1000L - _spoken.GetValueOrDefault(floor.RequestId), Q.Remaining(_now));

            // Redaction: the events each viewer receives fold to exactly the snapshot that viewer would get.
            Assert.Equal(Snapshots.Serialize(Visibility.StateFor(_state, Role.Delegate, "HCM")), Snapshots.Serialize(_public));
            Assert.Equal(Snapshots.Serialize(Visibility.StateFor(_state, Role.SiteHost, "HCM")), Snapshots.Serialize(_hcmView));
        }
    }
}
