using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// Installs a typed <c>ShouldSerialize</c> predicate. The public <see cref="JsonPropertyInfo.ShouldSerialize"/>
/// takes the value as <see cref="object"/>, which boxes every value-type property on every write; System.Text.Json
/// keeps a typed predicate internally, and this sets it directly. When that internal member is not there (a future
/// System.Text.Json), the public, boxing predicate is used: the result is the same, only slower.
/// </summary>
internal static class TypedShouldSerialize
{
    private static readonly MethodInfo? SetTyped = typeof(JsonPropertyInfo).GetMethod(
        "SetShouldSerialize", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Delegate)]);

    /// <summary>Gets whether the non-boxing path is available.</summary>
    public static bool IsTyped => SetTyped is not null;

    public static void Install<T>(JsonPropertyInfo property, Func<object, T, bool> predicate)
    {
        var existing = Existing<T>(property);

        // Setting the public predicate turns off System.Text.Json's own ignore-condition fast path, so the
        // ignore condition (from [JsonIgnore(Condition = ...)] or the options' default) is applied here instead.
        Func<object, T, bool> combined = existing is not null
            ? (obj, value) => existing(obj, value) && predicate(obj, value)
            : property.Options.DefaultIgnoreCondition switch
            {
                JsonIgnoreCondition.WhenWritingNull when default(T) is null => (obj, value) => value is not null && predicate(obj, value),
                JsonIgnoreCondition.WhenWritingDefault => (obj, value) => !EqualityComparer<T>.Default.Equals(value, default!) && predicate(obj, value),
                _ => predicate,
            };

        property.ShouldSerialize = (obj, value) => combined(obj, (T)value!);
        SetTyped?.Invoke(property, [combined]);
    }

    private static Func<object, T, bool>? Existing<T>(JsonPropertyInfo property)
    {
        var untyped = property.ShouldSerialize;
        if (untyped is null)
        {
            return null;
        }

        var typed = property.GetType()
            .GetProperty("ShouldSerialize", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)?
            .GetValue(property) as Func<object, T, bool>;
        return typed ?? ((obj, value) => untyped(obj, value));
    }
}
