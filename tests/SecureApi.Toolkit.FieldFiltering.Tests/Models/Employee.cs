using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>A positional record: one declaration on the parameter, one on the property.</summary>
public sealed record Employee(
    int Id,
    string Name,
    [FieldPermission(Perms.Hr)] decimal Salary,
    [property: FieldPermission(Perms.Hr, Action = FieldAction.Mask, Mask = FieldMask.Pseudonym)] string? NationalId);
