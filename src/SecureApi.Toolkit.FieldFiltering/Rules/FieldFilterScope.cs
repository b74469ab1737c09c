using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// The permissions that serialization on the current asynchronous flow filters by: one per request, set by the
/// field-filtering middleware and captured from <c>HttpContext.GetApiCaller()</c> on first use. With no scope
/// (background work, serialization outside a request) every classified property is hidden: filtering fails closed.
/// </summary>
internal sealed class FieldFilterScope
{
    private static readonly AsyncLocal<FieldFilterScope?> CurrentScope = new();

    private readonly HttpContext? _context;
    private IReadOnlySet<string>? _permissions;
    private PermissionBits? _bits;
    private HashSet<string>? _hiddenNames;

    public FieldFilterScope(HttpContext context)
    {
        _context = context;
    }

    public FieldFilterScope(IReadOnlySet<string> permissions)
    {
        _permissions = permissions;
    }

    /// <summary>Gets the scope of the current flow, or <see langword="null"/> outside any request.</summary>
    public static FieldFilterScope? Current => CurrentScope.Value;

    public HttpContext? HttpContext => _context;

    /// <summary>Gets or sets how many properties were removed or nulled in this scope.</summary>
    public int Removed { get; set; }

    /// <summary>Gets or sets how many properties were masked in this scope.</summary>
    public int Masked { get; set; }

    /// <summary>Gets or sets whether a request body tried to set a property the caller may not see.</summary>
    public bool ForbiddenWriteAttempted { get; set; }

    /// <summary>Gets the CLR and JSON names of classified members the caller may not see, of the objects its request body started.</summary>
    public IReadOnlySet<string> HiddenNames => (IReadOnlySet<string>?)_hiddenNames ?? FrozenSet<string>.Empty;

    /// <summary>Gets or sets the client's field selection, or <see langword="null"/> for none.</summary>
    public FieldSelection? Selection { get; set; }

    /// <summary>Gets whether the caller's permissions were read.</summary>
    public bool IsCaptured => _bits is not null;

    /// <summary>Makes <paramref name="scope"/> current until the returned value is disposed.</summary>
    public static Entered Enter(FieldFilterScope? scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Entered(previous);
    }

    public bool Allows(FieldRequirement requirement)
    {
        var bits = _bits ?? Capture();
        if (requirement.Highest >= bits.Known)
        {
            // A type first seen after the capture numbered new permission names: extend the set once.
            bits = _bits = PermissionBits.From(_permissions!);
        }

        return requirement.IsSatisfiedBy(bits);
    }

    public void NoteHidden(string memberName, string jsonName)
    {
        _hiddenNames ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _hiddenNames.Add(memberName);
        _hiddenNames.Add(jsonName);
    }

    public PermissionBits Bits => _bits ?? Capture();

    private PermissionBits Capture()
    {
        if (_permissions is null)
        {
            try
            {
                _permissions = _context!.GetApiCaller().Permissions;
            }
            catch (InvalidOperationException)
            {
                // No SecureApi services on this request: nothing is granted.
                _permissions = new HashSet<string>();
            }
        }

        return _bits = PermissionBits.From(_permissions);
    }

    /// <summary>Restores the previous scope when disposed.</summary>
    public readonly struct Entered(FieldFilterScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
