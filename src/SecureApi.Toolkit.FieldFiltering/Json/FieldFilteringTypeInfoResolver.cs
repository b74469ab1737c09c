using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// Wraps any resolver — reflection-based or a source-generated <c>JsonSerializerContext</c> — and passes every
/// contract it makes through the field-filtering modifier.
/// </summary>
internal sealed class FieldFilteringTypeInfoResolver(IJsonTypeInfoResolver inner, FieldFilteringModifier modifier) : IJsonTypeInfoResolver
{
    public IJsonTypeInfoResolver Inner { get; } = inner;

    public FieldFilteringModifier Modifier { get; } = modifier;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        var typeInfo = Inner.GetTypeInfo(type, options);
        if (typeInfo is not null)
        {
            Modifier.Modify(typeInfo);
        }

        return typeInfo;
    }

    /// <summary>Returns whether contracts of <paramref name="options"/> pass through field filtering.</summary>
    public static bool IsFiltering(JsonSerializerOptions options) => options.TypeInfoResolver is FieldFilteringTypeInfoResolver;
}
