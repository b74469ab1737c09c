using System.Text.Json.Serialization;
using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>Classified members that also carry System.Text.Json ignore conditions.</summary>
public sealed class IgnoreConditions
{
    [FieldPermission(Perms.Pii)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Nickname { get; set; }

    [FieldPermission(Perms.Finance)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Score { get; set; }
}
