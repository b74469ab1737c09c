using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(Employee))]
[JsonSerializable(typeof(Payment[]))]
[JsonSerializable(typeof(Address))]
[JsonSerializable(typeof(List<Order>))]
[JsonSerializable(typeof(VendorRecord))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}
