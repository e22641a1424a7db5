using System.Text.Json;

namespace EventHub.Domain.Seeds;

/// <summary>
/// The line each value of a JSON document starts on, keyed by its path ("programme[1].key").
/// JsonDocument keeps no positions, and every seed error must name a line, so one extra
/// pass with <see cref="Utf8JsonReader"/> records them. It also rejects invalid JSON and repeated properties.
/// </summary>
internal sealed class JsonLines
{
    private readonly Dictionary<string, int> _lineOf;

    private JsonLines(Dictionary<string, int> lineOf) => _lineOf = lineOf;

    public int Of(string path) => _lineOf.TryGetValue(path, out var line) ? line : 1;

    public static string Child(string parentPath, string property) =>
        parentPath.Length == 0 ? property : $"{parentPath}.{property}";

    public static string Item(string arrayPath, int index) => $"{arrayPath}[{index}]";

    public static JsonLines Index(ReadOnlySpan<byte> utf8, string file)
    {
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var open = new Stack<Container>();
        var reader = new Utf8JsonReader(utf8);
        string property = "";
        var (line, counted) = (1, 0);
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                line += utf8[counted..start].Count((byte)'\n');
                counted = start;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString()!;
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    open.Pop();
                    continue;
                }

                var path = open.TryPeek(out var parent) ? parent.ChildPath(property) : "";
                if (!lineOf.TryAdd(path, line))
                    throw new SeedDataException(file, line, $"\"{property}\" appears twice (first on line {lineOf[path]})");
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    open.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }
        catch (JsonException e)
        {
            // The reader's message ends in "LineNumber: 48 | BytePositionInLine: 6." (0-based); keep only our 1-based line.
            var reason = e.Message.Split(" LineNumber:")[0];
            throw new SeedDataException(file, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {reason}", e);
        }
        return new JsonLines(lineOf);
    }

    private sealed class Container(string path, bool isArray)
    {
        private int _nextIndex;

        public string ChildPath(string property) => isArray ? Item(path, _nextIndex++) : Child(path, property);
    }
}
