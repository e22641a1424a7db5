namespace EventHub.Forum;

/// <summary>The last N committed events, kept in memory so a reconnecting client resumes without a store read.</summary>
sealed class RecentEvents(int capacity)
{
    readonly Queue<CommittedEvent> _events = new();
    readonly Lock _lock = new();

    public void Add(CommittedEvent e)
    {
        lock (_lock)
        {
            _events.Enqueue(e);
            while (_events.Count > capacity) _events.Dequeue();
        }
    }

    public void Clear()
    {
        lock (_lock) _events.Clear();
    }

    /// <summary>Events in (afterSeq, upTo], or null when the window no longer reaches back to afterSeq + 1.</summary>
    public List<CommittedEvent>? Range(long afterSeq, long upTo)
    {
        lock (_lock)
        {
            if (afterSeq >= upTo) return [];
            if (_events.Count == 0 || _events.Peek().Seq > afterSeq + 1) return null;
            return _events.Where(e => e.Seq > afterSeq && e.Seq <= upTo).ToList();
        }
    }
}
