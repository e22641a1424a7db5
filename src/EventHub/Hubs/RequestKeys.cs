using System.Reflection;
using System.Text.Json;
using EventHub.Domain.Protocol;
using MessagePack;
using MessagePack.Formatters;

namespace EventHub.Hubs;

/// <summary>
/// MessagePack requests with their keys matched ignoring case, as the JSON protocol already does: a JavaScript
/// client sends <c>commandId</c>, the .NET client <c>CommandId</c>, and both mean the same field. Unknown keys are
/// skipped (as in JSON). What the hub sends keeps the C# names (PascalCase).
/// </summary>
public sealed class RequestKeysResolver : IFormatterResolver
{
    public static readonly RequestKeysResolver Instance = new();

    /// <summary><paramref name="options"/> with requests read by this resolver first.</summary>
    public static MessagePackSerializerOptions Over(MessagePackSerializerOptions options) =>
        options.WithResolver(MessagePack.Resolvers.CompositeResolver.Create(Instance, options.Resolver));

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    /// <summary>The records clients send: every command request, and Resume's.</summary>
    public static bool IsRequest(Type type) =>
        type.IsClass && (typeof(ICommandRequest).IsAssignableFrom(type) || type == typeof(ResumeRequest));

    static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = IsRequest(typeof(T)) ? new RequestFormatter<T>() : null;
    }
}

/// <summary>A request field whose value could not be read; <see cref="InvalidArguments"/> names it to the caller.</summary>
public sealed class RequestFieldException(string field, Exception inner)
    : Exception($"The request field {field} could not be read.", inner)
{
    public string Field { get; } = field;
}

/// <summary>Reads a request record through its constructor, whose parameters are named like its properties.</summary>
sealed class RequestFormatter<T> : IMessagePackFormatter<T>
{
    readonly ConstructorInfo _constructor;
    readonly ParameterInfo[] _parameters;
    readonly Dictionary<string, int> _index;
    readonly PropertyInfo[] _properties;

    public RequestFormatter()
    {
        _constructor = typeof(T).GetConstructors().MaxBy(c => c.GetParameters().Length)
                       ?? throw new InvalidOperationException($"{typeof(T).Name} has no public constructor.");
        _parameters = _constructor.GetParameters();
        _index = _parameters.Select((p, i) => (p.Name!, i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);
        _properties = [.. _parameters.Select(p => typeof(T).GetProperty(p.Name!)
                                                  ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is not a property."))];
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return default!;
        options.Security.DepthStep(ref reader);
        var values = _parameters.Select(Default).ToArray();
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : null;
            if (key is null || !_index.TryGetValue(key, out var at))
            {
                if (key is null) reader.Skip();
                reader.Skip();
                continue;
            }
            try
            {
                values[at] = MessagePackSerializer.Deserialize(_parameters[at].ParameterType, ref reader, options);
            }
            catch (Exception ex)
            {
                throw new RequestFieldException(JsonNamingPolicy.CamelCase.ConvertName(_parameters[at].Name!), ex);
            }
        }
        reader.Depth--;
        return (T)_constructor.Invoke(values);
    }

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteMapHeader(_properties.Length);
        foreach (var property in _properties)
        {
            writer.Write(property.Name);
            MessagePackSerializer.Serialize(property.PropertyType, ref writer, property.GetValue(value), options);
        }
    }

    static object? Default(ParameterInfo parameter) =>
        parameter.HasDefaultValue ? parameter.DefaultValue
        : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType)
        : null;
}
