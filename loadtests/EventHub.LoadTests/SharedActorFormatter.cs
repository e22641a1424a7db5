using System.Buffers;
using System.Collections.Concurrent;
using EventHub.Domain.Protocol;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace EventHub.LoadTests;

/// <summary>
/// Reads each event's actor once per distinct actor. Every event names who made it (the moderator, a site's host,
/// a delegate): the same few hundred actors over and over, each an object and four strings, on every event a client
/// receives. The actor's MessagePack bytes are looked up among those already read (without copying them, unless the
/// connection's pipe handed them over split across two buffers); only an actor not seen before is read, by the
/// protocol's own formatter, and kept. <see cref="ActorInfo"/> is immutable, so the events of one actor can share
/// it. Shared by every connection in the process (the load runner holds thousands; plugged in through
/// <see cref="SiteClient.ForumClientOptions.ConfigureMessagePack"/>); past <see cref="MaxActors"/> distinct actors it starts again.
/// </summary>
sealed class SharedActorFormatter(IMessagePackFormatter<ActorInfo> read) : IMessagePackFormatter<ActorInfo>
{
    public const int MaxActors = 4096;

    static readonly ConcurrentDictionary<byte[], ActorInfo> Known = new(RawBytes.Comparer);
    static readonly ConcurrentDictionary<byte[], ActorInfo>.AlternateLookup<ReadOnlySpan<byte>> KnownBySpan =
        Known.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The client's MessagePack options: <paramref name="options"/> with actors shared.</summary>
    public static MessagePackSerializerOptions Sharing(MessagePackSerializerOptions options) =>
        options.WithResolver(CompositeResolver.Create(
            [new SharedActorFormatter(options.Resolver.GetFormatterWithVerify<ActorInfo>())], [options.Resolver]));

    public ActorInfo Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null!;
        var raw = reader.ReadRaw();
        if (raw.IsSingleSegment && KnownBySpan.TryGetValue(raw.FirstSpan, out var known)) return known;
        // Not seen, or split across two of the connection's buffers (then it is looked up as a copy).
        var bytes = raw.ToArray();
        if (!raw.IsSingleSegment && Known.TryGetValue(bytes, out known)) return known;
        var copy = new MessagePackReader(bytes);
        var actor = read.Deserialize(ref copy, options);
        if (Known.Count >= MaxActors) Known.Clear();
        return Known.GetOrAdd(bytes, actor); // another connection may have read the same actor meanwhile
    }

    public void Serialize(ref MessagePackWriter writer, ActorInfo value, MessagePackSerializerOptions options) =>
        read.Serialize(ref writer, value, options);

    /// <summary>Byte arrays compared by content, and looked up by a span of bytes without copying it.</summary>
    sealed class RawBytes : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly RawBytes Comparer = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] bytes) => GetHashCode((ReadOnlySpan<byte>)bytes);
        public bool Equals(ReadOnlySpan<byte> span, byte[] bytes) => span.SequenceEqual(bytes);
        public byte[] Create(ReadOnlySpan<byte> span) => span.ToArray();

        public int GetHashCode(ReadOnlySpan<byte> span)
        {
            var hash = new HashCode();
            hash.AddBytes(span);
            return hash.ToHashCode();
        }
    }
}
