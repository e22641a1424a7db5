using System.Text.Json.Nodes;
using HdrHistogram;

namespace EventHub.LoadTests;

/// <summary>
/// The run turn by turn: for each turn of each hub, its own p99 (the deliveries recorded during that turn) and how
/// fast the machine was meanwhile (<see cref="MachineClock"/>, with <c>--machine-clock</c>). A run's p99 can be one
/// slow turn's; this shows which, and whether the machine slowed in it.
/// </summary>
sealed class Turns(MachineClock? machine)
{
    readonly List<Turn> _turns = [];
    readonly Dictionary<string, HistogramBase> _before = [];
    int[] _mark = [];

    public sealed record Turn(int Slice, string Hub, long Deliveries, long P99Ms, int[] From, int[] To);

    /// <summary>A turn of either hub starts now.</summary>
    public void Begin() => _mark = machine?.Mark() ?? [];

    /// <summary>
    /// <paramref name="hub"/>'s turn <paramref name="slice"/> ended; <paramref name="sofar"/> is a copy of everything it
    /// recorded since the measuring began (this turn is what was added since its last turn ended).
    /// </summary>
    public void End(int slice, string hub, HistogramBase sofar)
    {
        var turn = Recorders.NewHistogram();
        if (_before.TryGetValue(hub, out var before))
        {
            foreach (var v in sofar.RecordedValues())
                if (v.CountAtValueIteratedTo - before.GetCountAtValue(v.ValueIteratedTo) is var count and > 0)
                    turn.RecordValueWithCount(v.ValueIteratedTo, count);
        }
        else
        {
            turn.Add(sofar);
        }
        _before[hub] = sofar;
        _turns.Add(new Turn(slice, hub, turn.TotalCount, turn.TotalCount == 0 ? 0 : turn.GetValueAtPercentile(99), _mark, machine?.Mark() ?? []));
    }

    /// <summary>
    /// Each slice: both hubs' p99 in it, their ratio, and how much slower than usual each core ran in each turn
    /// (<see cref="MachineClock"/>: the median, by core in the order of <c>cores</c>, and the largest single sample's).
    /// </summary>
    public JsonObject ToJson()
    {
        var slices = _turns.GroupBy(t => t.Slice).OrderBy(g => g.Key).Select(g =>
        {
            var slice = new JsonObject { ["slice"] = g.Key };
            foreach (var t in g)
            {
                var turn = new JsonObject { ["p99"] = t.P99Ms, ["deliveries"] = t.Deliveries };
                if (machine is not null)
                {
                    var (byCore, max) = machine.Slowdown(t.From, t.To);
                    turn["machine_slowdown"] = new JsonObject
                    {
                        ["by_core"] = new JsonArray(byCore.Select(m => (JsonNode)m).ToArray()),
                        ["max"] = max,
                    };
                }
                slice[t.Hub] = turn;
            }
            if (g.FirstOrDefault(t => t.Hub == Ours) is { P99Ms: var ours } && g.FirstOrDefault(t => t.Hub == Bare) is { P99Ms: > 0 and var bare })
                slice["ratio_p99"] = Math.Round((double)ours / bare, 3);
            return (JsonNode)slice;
        });
        return new JsonObject
        {
            ["cores"] = new JsonArray((machine?.Cores ?? []).Select(c => (JsonNode)c).ToArray()),
            ["slices"] = new JsonArray(slices.ToArray()),
        };
    }

    public const string Ours = "ours", Bare = "bare";
}
