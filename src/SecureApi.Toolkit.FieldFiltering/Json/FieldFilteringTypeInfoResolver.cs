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
            // A source-generated contract carries a "fast path" that writes the whole object graph from generated
            // code, reaching nested and derived types through the context's own, unfiltered contracts. Claiming
            // the contract for this resolver marks it customized, which turns that fast path off for it and for
            // every contract that contains it.
            typeInfo.OriginatingResolver = this;
            Modifier.Modify(typeInfo);
        }

        return typeInfo;
    }

    /// <summary>Returns whether contracts of <paramref name="options"/> pass through field filtering.</summary>
    public static bool IsFiltering(JsonSerializerOptions options) => options.TypeInfoResolver is FieldFilteringTypeInfoResolver;
}
