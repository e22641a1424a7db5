using System.Globalization;
using System.Text.Json;

namespace EventHub.Domain.Seeds;

/// <summary>One object of a seed JSON file, read field by field; every failure names the file and the line.</summary>
internal sealed class SeedJsonObject
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly string _file;
    private readonly JsonLines _lines;

    public SeedJsonObject(JsonElement element, string path, string file, JsonLines lines)
    {
        (_element, _path, _file, _lines) = (element, path, file, lines);
        if (element.ValueKind != JsonValueKind.Object)
            throw new SeedDataException(file, lines.Of(path),
                $"{Describe(path)} must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}");
    }

    /// <summary>Rejects properties the loader does not know, so a misspelt optional field is not silently dropped.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!names.Contains(property.Name))
                throw Error(property.Name, $"unknown property \"{property.Name}\"; expected {string.Join(", ", names)}");
        }
    }

    public string Text(string name)
    {
        var text = Required(name, JsonValueKind.String, "a string").GetString()!;
        if (SeedText.Problem(text) is { } problem)
            throw Error(name, $"\"{name}\" {problem}");
        return text;
    }

    public string Key(string name)
    {
        var key = Text(name);
        if (!SeedText.IsSlug(key))
            throw Error(name, $"\"{name}\" \"{key}\" must be lowercase ASCII words joined by hyphens");
        return key;
    }

    public int Int(string name, int min, int max)
    {
        var value = Required(name, JsonValueKind.Number, "a whole number");
        if (!value.TryGetInt32(out var number) || number < min || number > max)
            throw Error(name, $"\"{name}\" must be a whole number from {min} to {max}, not {value.GetRawText()}");
        return number;
    }

    public DateOnly Date(string name)
    {
        var text = Text(name);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw Error(name, $"\"{name}\" \"{text}\" must be a date written yyyy-MM-dd");
        return date;
    }

    /// <summary>The objects of the array <paramref name="name"/>; an absent optional array is empty.</summary>
    public IReadOnlyList<SeedJsonObject> Objects(string name, bool required)
    {
        if (!required && !_element.TryGetProperty(name, out _))
            return [];
        var arrayPath = JsonLines.Child(_path, name);
        return Required(name, JsonValueKind.Array, "an array")
            .EnumerateArray()
            .Select((item, index) => new SeedJsonObject(item, JsonLines.Item(arrayPath, index), _file, _lines))
            .ToList();
    }

    public int LineOf(string name) => _lines.Of(JsonLines.Child(_path, name));

    public SeedDataException Error(string name, string problem) => new(_file, LineOf(name), problem);

    private JsonElement Required(string name, JsonValueKind kind, string expected)
    {
        if (!_element.TryGetProperty(name, out var value))
            throw new SeedDataException(_file, _lines.Of(_path), $"{Describe(_path)} has no \"{name}\"");
        if (value.ValueKind != kind)
            throw Error(name, $"\"{name}\" must be {expected}");
        return value;
    }

    private static string Describe(string path) => path.Length == 0 ? "the top level" : $"\"{path}\"";
}
