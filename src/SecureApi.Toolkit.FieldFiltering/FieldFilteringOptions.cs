using System.Linq.Expressions;
using System.Reflection;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>Options of SecureApi field filtering, set through <c>api.AddFieldFiltering(o => ...)</c>.</summary>
public sealed class FieldFilteringOptions
{
    internal Dictionary<Type, TypeDeclaration> Declarations { get; } = [];

    /// <summary>Gets or sets what happens when a request body sets a property the caller may not see.</summary>
    /// <value>The default is <see cref="ForbiddenWriteHandling.Ignore"/>.</value>
    public ForbiddenWriteHandling ForbiddenWrites { get; set; } = ForbiddenWriteHandling.Ignore;

    /// <summary>
    /// Gets the keys of <see cref="FieldMask.Pseudonym"/> by key id. Keep retired keys only as long as clients may
    /// still compare pseudonyms made with them; only <see cref="CurrentPseudonymKeyId"/> is used to mask.
    /// Each key must be at least 32 bytes from a cryptographic random source.
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, byte[]> PseudonymKeys { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the id of the key in <see cref="PseudonymKeys"/> that pseudonyms are made with. The id is part of
    /// every pseudonym, so rotating it changes every pseudonym and tells clients which key made one. It must not
    /// contain <c>:</c>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: a pseudonym mask then falls back to the fixed mask.</value>
    public string? CurrentPseudonymKeyId { get; set; }

    /// <summary>
    /// Gets or sets whether members that bypass filtering (dictionaries of objects, <c>[JsonExtensionData]</c>,
    /// <c>JsonNode</c>, <c>JsonElement</c> and <c>object</c> members of classified types) stop the application at
    /// start-up instead of being logged as warnings.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool BypassMembersAreFatal { get; set; }

    /// <summary>
    /// Gets the assemblies the start-up check scans for classified types. Types declared in these options are
    /// always checked.
    /// </summary>
    /// <value>The default is empty, which scans the entry assembly.</value>
    public IList<Assembly> ScanAssemblies { get; } = [];

    /// <summary>
    /// Gets or sets whether clients may narrow responses with a field selection such as
    /// <c>?fields=id,name,orders.total</c>. A selection only ever removes properties: it cannot reveal one the
    /// caller's permissions hide, and unknown and hidden names are ignored alike. Off by default because it adds a
    /// check to every property of every object.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool EnableFieldSelection { get; set; }

    /// <summary>Gets or sets the query parameter that carries the field selection.</summary>
    /// <value>The default is <c>fields</c>.</value>
    public string FieldSelectionQueryParameter { get; set; } = "fields";

    /// <summary>
    /// Gets or sets the largest number of names a field selection may hold; a longer selection is ignored as a
    /// whole (the response is only filtered by permissions). Valid values are 1 to 1000.
    /// </summary>
    /// <value>The default is 64.</value>
    public int MaxSelectedFields { get; set; } = 64;

    /// <summary>
    /// Declares a class-level default for a type the application does not own: every property of
    /// <typeparamref name="T"/> needs <paramref name="rule"/> unless declared otherwise.
    /// </summary>
    /// <typeparam name="T">The type to classify.</typeparam>
    /// <param name="rule">The permissions and what other callers get.</param>
    /// <returns>These options, for chaining.</returns>
    public FieldFilteringOptions Classify<T>(FieldPermissionAttribute rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Declaration(typeof(T)).TypeRule = rule;
        return this;
    }

    /// <summary>
    /// Declares a property of a type the application does not own as classified, exactly like putting
    /// <paramref name="rule"/> on it as an attribute. A declaration here wins over an attribute.
    /// </summary>
    /// <typeparam name="T">The declaring type.</typeparam>
    /// <param name="member">The property or field, for example <c>c =&gt; c.Email</c>.</param>
    /// <param name="rule">The permissions and what other callers get.</param>
    /// <returns>These options, for chaining.</returns>
    public FieldFilteringOptions Classify<T>(Expression<Func<T, object?>> member, FieldPermissionAttribute rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var declaration = Declaration(typeof(T));
        var name = MemberName(member);
        declaration.MemberRules[name] = rule;
        declaration.PublicMembers.Remove(name);
        return this;
    }

    /// <summary>
    /// Marks a property of a classified type the application does not own as visible to every caller, exactly like
    /// <see cref="PublicFieldAttribute"/>.
    /// </summary>
    /// <typeparam name="T">The declaring type.</typeparam>
    /// <param name="member">The property or field, for example <c>c =&gt; c.Id</c>.</param>
    /// <returns>These options, for chaining.</returns>
    public FieldFilteringOptions MarkPublic<T>(Expression<Func<T, object?>> member)
    {
        var declaration = Declaration(typeof(T));
        var name = MemberName(member);
        declaration.MemberRules.Remove(name);
        declaration.PublicMembers.Add(name);
        return this;
    }

    private TypeDeclaration Declaration(Type type)
    {
        if (!Declarations.TryGetValue(type, out var declaration))
        {
            declaration = new TypeDeclaration();
            Declarations[type] = declaration;
        }

        return declaration;
    }

    private static string MemberName<T>(Expression<Func<T, object?>> member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? convert.Operand : member.Body;
        return body is MemberExpression { Member: PropertyInfo or FieldInfo } access && access.Expression == member.Parameters[0]
            ? access.Member.Name
            : throw new ArgumentException("The expression must name a property or field of the type directly, for example c => c.Email.", nameof(member));
    }
}
