using EventHub.Domain.Protocol;
using EventHub.SiteClient;
using HdrHistogram;

namespace EventHub.LoadTests;

/// <summary>
/// What one connected client saw: the sequence numbers it applied (checked contiguous as they come), and the
/// delay from the server's commit time to arrival for each live event.
/// </summary>
sealed class Probe
{
    readonly Lock _lock = new();
    readonly Recorders _recorders;
    long _expectedNext = -1;
    long _lostAt; // when the connection was lost, until the resume that follows
    string? _node;
    FanoutRecord? _fanout; // this client's node's, once it knows its node

    public Probe(ForumClient client, NetworkCut network, string role, Recorders recorders)
    {
        Client = client;
        Network = network;
        Role = role;
        _recorders = recorders;
        client.ResumeCompleted += _ =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long lostAt;
            lock (_lock)
            {
                ResumeTimes.Add(now);
                lostAt = _lostAt;
                _lostAt = 0;
            }
            // From losing the connection to being in sync again: the time away plus the reconnect and the resume.
            if (lostAt > 0 && Measuring) recorders.BackInSync.RecordValue(Math.Max(1, now - lostAt));
        };
        // Lost → the WebSocket open again: the reconnect's own share of being back in sync (the resume is the rest).
        network.Opened += () =>
        {
            long lostAt;
            lock (_lock) lostAt = _lostAt;
            if (lostAt > 0 && Measuring)
                recorders.Reconnected.RecordValue(Math.Max(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - lostAt));
        };
        client.StateChanged += state =>
        {
            if (state != LinkState.Reconnecting) return;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            lock (_lock)
            {
                DropTimes.Add(now);
                if (_lostAt == 0) _lostAt = now;
            }
        };
        // A snapshot stands for the events up to it: the next one to expect is the one after it.
        client.SnapshotTaken += r => { lock (_lock) { _expectedNext = r.SnapshotSeq + 1; LastSeq = r.SnapshotSeq; } };
        // Fan-out is measured on arrival (as the baseline measures it), not after the client has applied the event.
        client.EnvelopeArrived += e =>
        {
            if (!Measuring) return;
            // One record per delivery, as the baseline's client makes: the per-node histograms add up to the whole.
            (_fanout ?? recorders.FanoutOn(Recorders.NoNode)).Record(e.At);
        };
        client.EventApplied += e =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // The hub's coalesced votes stand for a run of numbers, up to their last (a run overlapping a resume is
            // still new if it goes past it).
            var last = e.Last;
            lock (_lock)
            {
                if (_expectedNext >= 0 && last < _expectedNext) Duplicated++;
                if (_expectedNext >= 0 && e.Envelope.Seq > _expectedNext) Gaps++;
                _expectedNext = last + 1;
                Applied++;
                LastSeq = last;
                Log?.TryAdd(e.Envelope.Seq, new LoggedEvent(e.Envelope));
            }
            if (!Measuring) return;
            Interlocked.Increment(ref recorders.Deliveries);
            if (e.FromResume) recorders.Healed.RecordValue(Math.Max(0, now - e.Envelope.At));
            else Interlocked.Increment(ref recorders.LiveDeliveries);
        };
    }

    public ForumClient Client { get; }

    /// <summary>Cuts the client's network, as a phone losing it would.</summary>
    public NetworkCut Network { get; }
    public string Role { get; }

    /// <summary>The hub node the client connected to (WhoAmI after connecting), for the per-node split.</summary>
    public string? Node
    {
        get => _node;
        set
        {
            _node = value;
            _fanout = value is null ? null : _recorders.FanoutOn(value);
        }
    }
    public long Applied { get; private set; }
    public long LastSeq { get; private set; }
    public long Duplicated { get; private set; }
    public long Gaps { get; private set; }
    public List<long> ResumeTimes { get; } = [];
    public List<long> DropTimes { get; } = [];

    /// <summary>True when this client lost its connection at or after <paramref name="at"/> (its node went away).</summary>
    public bool DroppedAfter(long at)
    {
        lock (_lock) return DropTimes.Any(t => t >= at);
    }

    /// <summary>
    /// Kept for the moderator only: every event it applied, to check acknowledged commands against and to replay
    /// the same traffic through the bare hub.
    /// </summary>
    public Dictionary<long, LoggedEvent>? Log { get; set; }

    public long FirstResumeAfter(long at)
    {
        lock (_lock) return ResumeTimes.FirstOrDefault(t => t >= at);
    }
    public long StartSeq { get; private set; }
    public long StartApplied { get; private set; }

    public void StartMeasuring()
    {
        lock (_lock)
        {
            StartSeq = LastSeq;
            StartApplied = Applied;
        }
        Measuring = true;
    }
    public bool Measuring { get; set; }
}

/// <summary>One event as the moderator saw it (the full form).</summary>
sealed record LoggedEvent(EventEnvelope Envelope)
{
    public string Type => Envelope.Type;
    public string Data => Envelope.Data;
    public long At => Envelope.At;

    /// <summary>
    /// What the event's argument weighs on the wire, in bytes, in the run's protocol (serialised as the hub protocol
    /// serialises it: Vietnamese text is two or three bytes a letter in UTF-8, and MessagePack carries the field names).
    /// </summary>
    public int WireBytes(bool json) => json
        ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Envelope, JsonOptions).Length
        : MessagePack.MessagePackSerializer.Serialize(Envelope, MessagePackOptions).Length;

    static readonly System.Text.Json.JsonSerializerOptions JsonOptions =
        new Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions().PayloadSerializerOptions;
    static readonly MessagePack.MessagePackSerializerOptions MessagePackOptions =
        new Microsoft.AspNetCore.SignalR.MessagePackHubProtocolOptions().SerializerOptions;
}

/// <summary>Shared histograms (thread-safe) and counters for one run.</summary>
sealed class Recorders
{
    /// <summary>Where a client's deliveries are counted before it knows its node.</summary>
    public const string NoNode = "?";

    /// <summary>Every latency histogram of a run, ours and the baseline's: 1 ms to 10 minutes, 3 significant digits
    /// (one range for all, so the per-node ones add up to the whole).</summary>
    public static LongConcurrentHistogram NewHistogram() => new(1, 600_000, 3);

    public readonly LongConcurrentHistogram Healed = NewHistogram();
    /// <summary>For each client that lost its connection: from the loss to the end of its resume.</summary>
    public readonly LongConcurrentHistogram BackInSync = NewHistogram();
    public readonly LongConcurrentHistogram Reconnected = NewHistogram();
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, FanoutRecord> FanoutByNode = new();
    public long Deliveries;
    /// <summary>The deliveries that arrived live, not by resuming: what the bare hub's clients can get.</summary>
    public long LiveDeliveries;
    /// <summary>From sending a command to its answer (success or refusal), by hub method.</summary>
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, LongConcurrentHistogram> AckByMethod = new();

    /// <summary>Fan-out as measured by the clients connected to one node.</summary>
    public FanoutRecord FanoutOn(string node) => FanoutByNode.GetOrAdd(node, _ => new FanoutRecord());

    /// <summary>Every client's fan-out: the per-node histograms added up.</summary>
    public HistogramBase Fanout()
    {
        var all = NewHistogram();
        foreach (var f in FanoutByNode.Values) all.Add(f.Latency);
        return all;
    }

    public void RecordAck(string method, TimeSpan elapsed) =>
        AckByMethod.GetOrAdd(method, _ => NewHistogram()).RecordValue(Math.Max(1, (long)elapsed.TotalMilliseconds));

    /// <summary>Every command's acknowledgement time: the per-method histograms added up.</summary>
    public HistogramBase Acks()
    {
        var all = NewHistogram();
        foreach (var h in AckByMethod.Values) all.Add(h);
        return all;
    }

    public void Reset()
    {
        foreach (var f in FanoutByNode.Values) f.Reset();
        foreach (var h in AckByMethod.Values) h.Reset();
        Healed.Reset();
        BackInSync.Reset();
        Reconnected.Reset();
        Interlocked.Exchange(ref Deliveries, 0);
        Interlocked.Exchange(ref LiveDeliveries, 0);
    }
}
