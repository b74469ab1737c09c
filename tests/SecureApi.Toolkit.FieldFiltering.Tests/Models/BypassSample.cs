using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>A classified type with every kind of member that carries data past the per-property filter.</summary>
public sealed class BypassSample
{
    [FieldPermission(Perms.Pii)]
    public string? Ssn { get; set; }

    public Dictionary<string, object>? Bag { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public JsonNode? Node { get; set; }

    public JsonElement Element { get; set; }

    public object? Anything { get; set; }

    public List<object>? Items { get; set; }

    [FieldPermission(Perms.Pii)]
    public JsonNode? ClassifiedNode { get; set; }

    [JsonIgnore]
    public object? Ignored { get; set; }

    public Dictionary<string, int>? TypedBag { get; set; }
}
