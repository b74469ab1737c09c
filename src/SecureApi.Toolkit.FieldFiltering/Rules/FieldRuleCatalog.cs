using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// Reads the declarations of a type once — attributes on the type, its members and record constructor parameters,
/// and the declarations made in <see cref="FieldFilteringOptions"/>, which win — and keeps them compiled.
/// </summary>
internal sealed class FieldRuleCatalog(IOptions<FieldFilteringOptions> options)
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private readonly ConcurrentDictionary<Type, TypeRules> _cache = new();

    public TypeRules For(Type type) => _cache.GetOrAdd(type, Build);

    private TypeRules Build(Type type)
    {
        if (type.IsPrimitive || type == typeof(string) || type.IsEnum || type.IsArray || type.IsPointer)
        {
            return TypeRules.Unclassified;
        }

        var declarations = options.Value.Declarations;
        var typeDeclaration = FindTypeDeclaration(type, declarations);
        var typeAttribute = typeDeclaration ?? type.GetCustomAttribute<FieldPermissionAttribute>(inherit: true);
        var typeRule = typeAttribute is null ? null : new FieldRule("*", typeAttribute);
        var parameters = RecordParameters(type);
        var rules = new Dictionary<string, FieldRule?>(StringComparer.Ordinal);

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var member in current.GetMembers(Members | BindingFlags.DeclaredOnly))
            {
                if (member is not (PropertyInfo or FieldInfo) || rules.ContainsKey(member.Name))
                {
                    continue;
                }

                var rule = MemberRule(type, member, parameters, declarations, out var explicitlyPublic);
                if (rule is not null || explicitlyPublic)
                {
                    rules[member.Name] = rule;
                }
            }
        }

        var classified = typeRule is not null || rules.Values.Any(r => r is not null);
        return classified ? new TypeRules(typeRule, rules, true) : TypeRules.Unclassified;
    }

    private static FieldRule? MemberRule(
        Type type,
        MemberInfo member,
        Dictionary<string, ParameterInfo> parameters,
        Dictionary<Type, TypeDeclaration> declarations,
        out bool explicitlyPublic)
    {
        explicitlyPublic = false;
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (declarations.TryGetValue(current, out var declaration))
            {
                if (declaration.MemberRules.TryGetValue(member.Name, out var declared))
                {
                    return new FieldRule(member.Name, declared);
                }

                if (declaration.PublicMembers.Contains(member.Name))
                {
                    explicitlyPublic = true;
                    return null;
                }
            }
        }

        parameters.TryGetValue(member.Name, out var parameter);
        var attribute = member.GetCustomAttribute<FieldPermissionAttribute>(inherit: true)
            ?? parameter?.GetCustomAttribute<FieldPermissionAttribute>();
        if (attribute is not null)
        {
            return new FieldRule(member.Name, attribute);
        }

        if (member.IsDefined(typeof(PublicFieldAttribute), inherit: true) || parameter?.IsDefined(typeof(PublicFieldAttribute)) == true)
        {
            explicitlyPublic = true;
            return null;
        }

        return null;
    }

    private static FieldPermissionAttribute? FindTypeDeclaration(Type type, Dictionary<Type, TypeDeclaration> declarations)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (declarations.TryGetValue(current, out var declaration) && declaration.TypeRule is not null)
            {
                return declaration.TypeRule;
            }
        }

        return null;
    }

    // Attributes written on a positional record parameter without a "property:" target land on the parameter.
    private static Dictionary<string, ParameterInfo> RecordParameters(Type type)
    {
        var result = new Dictionary<string, ParameterInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var constructor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                if (parameter.Name is { } name && (parameter.IsDefined(typeof(FieldPermissionAttribute)) || parameter.IsDefined(typeof(PublicFieldAttribute))))
                {
                    result.TryAdd(name, parameter);
                }
            }
        }

        return result;
    }
}
