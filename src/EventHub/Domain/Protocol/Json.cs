using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventHub.Domain.Protocol;

public static class Json
{
    /// <summary>
    /// camelCase, compact, Vietnamese letters written as themselves (the payload is never embedded in HTML,
    /// and escaping every diacritic would triple the size of a name).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new OrdinalSortedConverters() },
    };
}
