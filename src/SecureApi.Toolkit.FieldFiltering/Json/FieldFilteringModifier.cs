using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// The System.Text.Json contract modifier: for each object contract it compiles the declarations of the type once
/// and installs typed per-property hooks that read the current scope's permission bitset.
/// </summary>
internal sealed class FieldFilteringModifier
{
    private static readonly MethodInfo ApplyMethod = typeof(FieldFilteringModifier).GetMethod(nameof(Apply), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly MethodInfo SelectOnlyMethod = typeof(FieldFilteringModifier).GetMethod(nameof(SelectOnly), BindingFlags.Static | BindingFlags.NonPublic)!;

    private readonly FieldRuleCatalog _catalog;
    private readonly FieldMasker _masker;
    private readonly FieldFilteringOptions _options;

    public FieldFilteringModifier(FieldRuleCatalog catalog, FieldMasker masker, IOptions<FieldFilteringOptions> options)
    {
        _catalog = catalog;
        _masker = masker;
        _options = options.Value;
    }

    public FieldRuleCatalog Catalog => _catalog;

    public void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var rules = _catalog.For(typeInfo.Type);
        var selection = _options.EnableFieldSelection && !typeof(ProblemDetails).IsAssignableFrom(typeInfo.Type);
        if (!rules.IsClassified && !selection)
        {
            return;
        }

        if (selection)
        {
            var onSerializing = typeInfo.OnSerializing;
            var onSerialized = typeInfo.OnSerialized;
            typeInfo.OnSerializing = obj =>
            {
                onSerializing?.Invoke(obj);
                FieldFilterScope.Current?.Selection?.EnterObject();
            };
            typeInfo.OnSerialized = obj =>
            {
                FieldFilterScope.Current?.Selection?.ExitObject();
                onSerialized?.Invoke(obj);
            };
        }

        List<(FieldRequirement Requirement, string MemberName, string JsonName)>? hidden = rules.IsClassified ? [] : null;
        foreach (var property in typeInfo.Properties)
        {
            var memberName = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
            var rule = rules.IsClassified ? rules.For(memberName) : null;
            if (rule is not null)
            {
                Validate(typeInfo.Type, property, rule);
                hidden!.Add((rule.Requirement, rule.MemberName, property.Name));
                ApplyMethod.MakeGenericMethod(property.PropertyType).Invoke(this, [property, rule, selection]);
            }
            else if (selection)
            {
                SelectOnlyMethod.MakeGenericMethod(property.PropertyType).Invoke(null, [property]);
            }
        }

        if (hidden is { Count: > 0 })
        {
            NoteHiddenOnRead(typeInfo, hidden);
        }
    }

    // Problem details of this request must not name what the caller may not see of the types it sent: note the
    // hidden members of every classified object a request body starts, for the problem-details scrubber.
    private static void NoteHiddenOnRead(JsonTypeInfo typeInfo, List<(FieldRequirement Requirement, string MemberName, string JsonName)> members)
    {
        var onDeserializing = typeInfo.OnDeserializing;
        var array = members.ToArray();
        typeInfo.OnDeserializing = obj =>
        {
            onDeserializing?.Invoke(obj);
            var scope = FieldFilterScope.Current;
            foreach (var (requirement, memberName, jsonName) in array)
            {
                if (scope is null || !scope.Allows(requirement))
                {
                    scope?.NoteHidden(memberName, jsonName);
                }
            }
        };
    }

    private void Validate(Type type, JsonPropertyInfo property, FieldRule rule)
    {
        if (rule.Requirement.Permissions.Count == 0)
        {
            throw new InvalidOperationException($"The field-filtering declaration of {type.FullName}.{rule.MemberName} names no permission. Give [FieldPermission] at least one permission.");
        }

        if (rule.Action == FieldAction.Mask && rule.Mask != FieldMask.Fixed && property.PropertyType != typeof(string))
        {
            throw new InvalidOperationException($"{type.FullName}.{rule.MemberName} is declared with FieldMask.{rule.Mask}, which masks strings only. Use FieldMask.Fixed, FieldAction.Null or FieldAction.Remove for a {property.PropertyType.Name} property.");
        }

        if (rule.Mask == FieldMask.KeepLast && rule.KeepLast is < 1 or > 16)
        {
            throw new InvalidOperationException($"{type.FullName}.{rule.MemberName} has KeepLast = {rule.KeepLast}. Set FieldPermissionAttribute.KeepLast between 1 and 16.");
        }
    }

    private void Apply<T>(JsonPropertyInfo property, FieldRule rule, bool selection)
    {
        var access = new FieldAccess(rule, property.Name, _options.ForbiddenWrites);
        if (rule.Action == FieldAction.Remove)
        {
            TypedShouldSerialize.Install<T>(property, (_, _) => access.ShouldWrite());
        }
        else if (selection)
        {
            SelectOnly<T>(property);
        }

        var constructorBound = property.AssociatedParameter is not null;
        if (rule.Action != FieldAction.Remove || constructorBound)
        {
            var original = property.CustomConverter switch
            {
                JsonConverter<T> typed => typed,
                JsonConverterFactory factory => factory.CreateConverter(typeof(T), property.Options) as JsonConverter<T>,
                _ => null,
            };
            property.CustomConverter = new FieldConverter<T>(access, _masker, maskOnWrite: rule.Action != FieldAction.Remove, guardRead: constructorBound, original);
        }

        if (property.Set is { } set)
        {
            // Boxes value types on the read side only; request bodies are not the hot path.
            property.Set = (obj, value) =>
            {
                if (access.CanWrite())
                {
                    set(obj, value);
                }
            };
        }
    }

    private static void SelectOnly<T>(JsonPropertyInfo property)
    {
        var name = property.Name;
        TypedShouldSerialize.Install<T>(property, (_, _) => FieldFilterScope.Current?.Selection is not { } s || s.Select(name));
    }
}
