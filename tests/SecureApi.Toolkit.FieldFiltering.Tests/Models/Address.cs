using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>Classified at class level: every member needs the permission unless marked public.</summary>
[FieldPermission(Perms.Pii)]
public sealed class Address
{
    public string? Street { get; set; }

    public string? City { get; set; }

    [PublicField]
    public string? Country { get; set; }
}
