using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Diagnostics;

/// <summary>
/// Finds what the per-property filter cannot see into: untyped members of classified types (their content is
/// written as-is) and source-generated contexts that can serialize a classified type without the modifier.
/// </summary>
internal static class BypassScanner
{
    public static IEnumerable<(string Member, string Reason)> Members(FieldRuleCatalog catalog, Type type)
    {
        var rules = catalog.For(type);
        if (!rules.IsClassified)
        {
            yield break;
        }

        foreach (var member in type.GetMembers(BindingFlags.Instance | BindingFlags.Public))
        {
            var memberType = member switch
            {
                PropertyInfo { GetMethod.IsPublic: true } p when p.GetIndexParameters().Length == 0 => p.PropertyType,
                FieldInfo f => f.FieldType,
                _ => null,
            };
            if (memberType is null || IsIgnored(member) || rules.For(member.Name) is not null)
            {
                continue;
            }

            var reason = member.IsDefined(typeof(JsonExtensionDataAttribute), inherit: true) ? "[JsonExtensionData]" : Reason(memberType);
            if (reason is not null)
            {
                yield return ($"{type.FullName}.{member.Name}", reason);
            }
        }
    }

    public static IEnumerable<(string Context, string Type)> Contexts(FieldRuleCatalog catalog, IEnumerable<Type> candidates)
    {
        foreach (var context in candidates.Where(t => typeof(JsonSerializerContext).IsAssignableFrom(t) && !t.IsAbstract))
        {
            foreach (var attribute in context.GetCustomAttributesData())
            {
                if (attribute.AttributeType == typeof(JsonSerializableAttribute)
                    && attribute.ConstructorArguments is [{ Value: Type serializable }]
                    && ClassifiedTypes.Reaches(catalog, serializable))
                {
                    yield return (context.FullName ?? context.Name, serializable.FullName ?? serializable.Name);
                }
            }
        }
    }

    private static bool IsIgnored(MemberInfo member) =>
        member.GetCustomAttribute<JsonIgnoreAttribute>(inherit: true) is { Condition: JsonIgnoreCondition.Always };

    private static string? Reason(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type) ?? type;
        if (nullable == typeof(object))
        {
            return "object member";
        }

        if (typeof(JsonNode).IsAssignableFrom(nullable) || nullable == typeof(JsonElement) || nullable == typeof(JsonDocument))
        {
            return "JSON DOM member";
        }

        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType)
            {
                var definition = candidate.GetGenericTypeDefinition();
                var arguments = candidate.GetGenericArguments();
                if ((definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) && IsUntyped(arguments[1]))
                {
                    return "dictionary of untyped values";
                }

                if (definition == typeof(IEnumerable<>) && IsUntyped(arguments[0]))
                {
                    return "collection of untyped values";
                }
            }
        }

        return null;
    }

    private static bool IsUntyped(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(object) || typeof(JsonNode).IsAssignableFrom(t) || t == typeof(JsonElement);
    }
}
