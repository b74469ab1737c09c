using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests;

/// <summary>Builds the filtered JSON options the way an app gets them, and serializes as a given caller.</summary>
internal static class Filtering
{
    public static readonly byte[] PseudonymKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static void Defaults(FieldFilteringOptions o)
    {
        o.PseudonymKeys["k1"] = PseudonymKey;
        o.CurrentPseudonymKeyId = "k1";
        o.Classify<VendorRecord>(new FieldPermissionAttribute(Perms.Vendors))
            .MarkPublic<VendorRecord>(v => v.Id)
            .Classify<VendorRecord>(v => v.Phone, new FieldPermissionAttribute(Perms.Vendors) { Action = FieldAction.Mask, Mask = FieldMask.KeepLast, KeepLast = 2 });
    }

    public static ServiceProvider Services(Action<FieldFilteringOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecureApi(api => api.AddFieldFiltering(o =>
        {
            Defaults(o);
            configure?.Invoke(o);
        }));
        return services.BuildServiceProvider();
    }

    public static JsonSerializerOptions JsonOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    public static JsonSerializerOptions JsonOptions(Action<FieldFilteringOptions>? configure = null) => JsonOptions(Services(configure));

    public static string As<T>(JsonSerializerOptions options, T value, params string[] permissions)
    {
        using (FieldFilterScope.Enter(new FieldFilterScope(new HashSet<string>(permissions, StringComparer.Ordinal))))
        {
            return JsonSerializer.Serialize(value, options);
        }
    }

    public static T? ReadAs<T>(JsonSerializerOptions options, string json, params string[] permissions)
    {
        using (FieldFilterScope.Enter(new FieldFilterScope(new HashSet<string>(permissions, StringComparer.Ordinal))))
        {
            return JsonSerializer.Deserialize<T>(json, options);
        }
    }
}
