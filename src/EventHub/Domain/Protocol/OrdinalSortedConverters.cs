using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventHub.Domain.Protocol;

/// <summary>
/// Sorted collections keyed by text come back from JSON with ordinal comparers, as the domain builds them. Left to
/// itself System.Text.Json would use the culture's comparer: a client that took a snapshot would then order sites
/// and requests differently from one that replayed the log, and every lookup would pay for culture rules.
/// </summary>
public sealed class OrdinalSortedConverters : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(ImmutableSortedSet<string>) ||
        (typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>) &&
         typeToConvert.GetGenericArguments()[0] == typeof(string));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(ImmutableSortedSet<string>)
            ? new SetConverter()
            : (JsonConverter)Activator.CreateInstance(
                typeof(DictionaryConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))!;

    sealed class SetConverter : JsonConverter<ImmutableSortedSet<string>>
    {
        public override ImmutableSortedSet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? []).ToImmutableSortedSet(StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedSet<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IReadOnlyCollection<string>>(writer, value, options);
    }

    sealed class DictionaryConverter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert,
            JsonSerializerOptions options) =>
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IReadOnlyDictionary<string, TValue>>(writer, value, options);
    }
}
