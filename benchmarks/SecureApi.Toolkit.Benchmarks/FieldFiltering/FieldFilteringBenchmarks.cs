using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.Benchmarks.FieldFiltering;

/// <summary>
/// Serializing 100 objects × 12 properties (4 classified, 2 of them masked) for a caller who holds only
/// <c>support.read</c>: it loses <c>cost</c> and gets <c>email</c> and <c>cardNumber</c> masked. Baseline: plain
/// System.Text.Json, no filtering. The filtered run includes the per-request work (opening the scope and capturing
/// the caller's permissions). The JsonNode run is the usual hand-rolled alternative: serialize, parse, edit, write.
/// </summary>
[MemoryDiagnoser]
public class FieldFilteringBenchmarks
{
    private static readonly HashSet<string> Permissions = new(StringComparer.Ordinal) { "support.read" };
    private List<BenchItem> _items = null!;
    private JsonSerializerOptions _plain = null!;
    private JsonSerializerOptions _filtered = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddFieldFiltering()).BuildServiceProvider();
        _filtered = _services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        _plain = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        _items = Enumerable.Range(0, 100).Select(i => new BenchItem
        {
            Id = i,
            Name = "Customer " + i,
            Sku = "SKU-" + (i * 7919 % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            Quantity = i % 9 + 1,
            Price = 10.5m + i,
            CreatedAt = start.AddMinutes(i),
            Status = i % 3 == 0 ? "open" : "shipped",
            Active = i % 2 == 0,
            Email = "customer" + i + "@example.com",
            CardNumber = "4111222233" + (334400 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Cost = 3.25m + i,
            Notes = "note " + i,
        }).ToList();

        // Warm both contracts so the first measured call does not build them.
        _ = Plain();
        _ = Filtered();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] Plain() => JsonSerializer.SerializeToUtf8Bytes(_items, _plain);

    [Benchmark]
    public byte[] Filtered()
    {
        using (FieldFilterScope.Enter(new FieldFilterScope(Permissions)))
        {
            return JsonSerializer.SerializeToUtf8Bytes(_items, _filtered);
        }
    }

    [Benchmark]
    public byte[] JsonNodePostProcessing()
    {
        var tree = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(_items, _plain))!.AsArray();
        foreach (var node in tree)
        {
            var item = node!.AsObject();
            item.Remove("cost");
            var email = item["email"]!.GetValue<string>();
            var at = email.IndexOf('@', StringComparison.Ordinal);
            item["email"] = at > 0 ? string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at)) : "****";
            var card = item["cardNumber"]!.GetValue<string>();
            item["cardNumber"] = card.Length > 4 ? string.Concat("****", card.AsSpan(card.Length - 4)) : "****";
        }

        return JsonSerializer.SerializeToUtf8Bytes(tree, _plain);
    }
}
