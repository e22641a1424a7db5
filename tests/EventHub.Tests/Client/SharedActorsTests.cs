using EventHub.Domain.Protocol;
using EventHub.LoadTests;
using EventHub.SiteClient;
using EventHub.Tests.Infrastructure;
using MessagePack;
using Microsoft.AspNetCore.SignalR;

namespace EventHub.Tests.Client;

/// <summary>The client reads each distinct actor once and shares it between the events it made.</summary>
public sealed class SharedActorsTests
{
    static readonly MessagePackSerializerOptions Wire = new MessagePackHubProtocolOptions().SerializerOptions;
    static readonly MessagePackSerializerOptions Client = SharedActorFormatter.Sharing(Wire);

    static EventEnvelope Envelope(long seq, ActorInfo actor) => new(seq, 1000 + seq, actor, "SiteCheckedIn", 1, "{\"site\":\"HPG\"}");

    static EventEnvelope RoundTrip(EventEnvelope e) =>
        MessagePackSerializer.Deserialize<EventEnvelope>(MessagePackSerializer.Serialize(e, Wire), Client);

    [Fact]
    public void EventsOfOneActor_ShareOneActor_AndReadAsSent()
    {
        var host = new ActorInfo("host", "HPG", "Điểm cầu Hải Phòng", "host-hpg-" + Guid.NewGuid().ToString("N"));
        var first = RoundTrip(Envelope(7, host));
        var second = RoundTrip(Envelope(8, host with { }));

        Assert.Equal(Envelope(7, host), first);
        Assert.Equal(Envelope(8, host), second);
        Assert.Same(first.Actor, second.Actor);
    }

    [Fact]
    public void AnActorSplitAcrossTwoBuffers_IsTheOneAlreadyRead()
    {
        // A connection's pipe hands over its messages in buffers of a few KB: an actor may start in one and end
        // in the next.
        var host = new ActorInfo("siteHost", "HCM", "Điểm cầu HCM", "host-hcm-" + Guid.NewGuid().ToString("N"));
        var whole = RoundTrip(Envelope(1, host));

        var split = MessagePackSerializer.Deserialize<EventEnvelope>(Buffers.SplitInActor(Envelope(2, host)), Client);

        Assert.Equal(Envelope(2, host), split);
        Assert.Same(whole.Actor, split.Actor);
    }

    [Fact]
    public void AnActorFirstSeenSplit_IsKept_AndSharedWithTheWholeOnes()
    {
        var host = new ActorInfo("siteHost", "HUE", "Điểm cầu Huế", "host-hue-" + Guid.NewGuid().ToString("N"));

        var split = MessagePackSerializer.Deserialize<EventEnvelope>(Buffers.SplitInActor(Envelope(1, host)), Client);
        var whole = RoundTrip(Envelope(2, host));

        Assert.Equal(host, split.Actor);
        Assert.Same(split.Actor, whole.Actor);
    }

    /// <summary>An envelope's bytes as a pipe may hand them over: in two buffers, cut inside the actor's name.</summary>
    sealed class Buffers : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        Buffers(ReadOnlyMemory<byte> memory, long start) { Memory = memory; RunningIndex = start; }

        public static System.Buffers.ReadOnlySequence<byte> SplitInActor(EventEnvelope envelope)
        {
            var bytes = MessagePackSerializer.Serialize(envelope, Wire);
            var name = bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(envelope.Actor.Name));
            Assert.True(name > 0, "the actor's name is in the envelope's bytes");
            var at = name + 3; // inside a Vietnamese letter of the name, as a pipe may cut it
            var first = new Buffers(bytes.AsMemory(0, at), 0);
            var second = new Buffers(bytes.AsMemory(at), at);
            first.Next = second;
            return new System.Buffers.ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
        }
    }

    [Fact]
    public void ActorsThatDifferInAnyField_AreReadApart()
    {
        var id = "delegate-" + Guid.NewGuid().ToString("N");
        var a = new ActorInfo("delegate", "HPG", "Nguyễn Văn An", id);
        ActorInfo[] actors = [a, a with { Site = "HUE" }, a with { Site = null }, a with { Role = "siteHost" },
            a with { Name = "Nguyễn Văn Anh" }, a with { Id = id + "-2" }];

        var read = actors.Select(x => RoundTrip(Envelope(1, x)).Actor).ToList();

        Assert.Equal(actors, read);
        Assert.Equal(actors.Length, read.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void AnActorWithAFieldThisClientDoesNotKnow_IsStillRead()
    {
        // A newer hub may send more about the actor: the fields this client knows are read, the rest skipped.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(6);
        writer.Write("Seq"); writer.Write(3L);
        writer.Write("At"); writer.Write(1003L);
        writer.Write("Actor");
        writer.WriteMapHeader(5);
        writer.Write("Role"); writer.Write("moderator");
        writer.Write("Site"); writer.WriteNil();
        writer.Write("Name"); writer.Write("Chủ tọa");
        writer.Write("Id"); writer.Write("moderator-" + Guid.NewGuid().ToString("N"));
        writer.Write("Since"); writer.Write(42);
        writer.Write("Type"); writer.Write("FloorOpened");
        writer.Write("V"); writer.Write(1);
        writer.Write("Data"); writer.Write("{}");
        writer.Flush();

        var e = MessagePackSerializer.Deserialize<EventEnvelope>(buffer.WrittenMemory, Client);

        Assert.Equal(("moderator", (string?)null, "Chủ tọa"), (e.Actor.Role, e.Actor.Site, e.Actor.Name));
        Assert.Equal(("FloorOpened", 3L), (e.Type, e.Seq));
    }

    [Fact]
    public void MoreActorsThanItKeeps_AreAllReadRight_AndSharingGoesOn()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var actors = Enumerable.Range(0, SharedActorFormatter.MaxActors + 100)
            .Select(i => new ActorInfo("delegate", "HUE", $"Đại biểu {i}", $"{prefix}-{i}")).ToList();

        var read = actors.Select(a => RoundTrip(Envelope(1, a)).Actor).ToList();
        var again = RoundTrip(Envelope(2, actors[^1])).Actor;

        Assert.Equal(actors, read);
        Assert.Same(read[^1], again);
    }

    [Fact]
    public async Task AClientWithTheLoadRunnersOptions_SharesTheActorOfOneHostsEvents()
    {
        // ForumClient configured as the load runner configures it, against the hub: two events of one host arrive
        // with one actor.
        await using var app = new HubApp();
        await using var host = await app.ConnectAsync(await app.LoginHostAsync("HCM"));
        var login = await app.LoginDisplayAsync();
        await using var display = new ForumClient(new ForumClientOptions
        {
            HubUrl = app.HubUrl,
            AccessToken = () => Task.FromResult<string?>(login.Token),
            ConfigureMessagePack = SharedActorFormatter.Sharing,
        });
        await display.StartAsync().WaitAsync(Timeouts.Call);
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<EventEnvelope>();
        display.EnvelopeArrived += arrived.Enqueue;

        await host.SendAsync(HubMethods.CheckIn, new CheckInRequest(CommandId.New(), null, "Nguyễn Thị Mai", 42));
        var last = await host.SendAsync(HubMethods.UpdateHeadcount, new HeadcountRequest(CommandId.New(), null, 43));
        await display.WaitForSeqAsync(last.LastSeq).WaitAsync(Timeouts.Call);

        var byHost = arrived.Where(e => e.Actor.Role == "siteHost").ToList();
        Assert.Equal(2, byHost.Count);
        Assert.Equal(("siteHost", "HCM"), (byHost[0].Actor.Role, byHost[0].Actor.Site));
        Assert.Same(byHost[0].Actor, byHost[1].Actor);
    }
}
