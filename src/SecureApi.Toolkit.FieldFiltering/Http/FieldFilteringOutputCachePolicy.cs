using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>
/// A base output-cache policy: cached responses vary by the caller's whole permission set (and the field
/// selection), so one caller's shape is never served to another. The full set is used, not only the names field
/// filtering knows so far, because a type seen for the first time while the response is written can add names.
/// </summary>
internal sealed class FieldFilteringOutputCachePolicy(IOptions<FieldFilteringOptions> options) : IOutputCachePolicy
{
    public const string VaryKey = "secureapi-field-permissions";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.CacheVaryByRules.VaryByValues[VaryKey] = Fingerprint(context.HttpContext.GetApiCaller().Permissions);
        var o = options.Value;
        if (o.EnableFieldSelection)
        {
            context.CacheVaryByRules.QueryKeys = Microsoft.Extensions.Primitives.StringValues.Concat(context.CacheVaryByRules.QueryKeys, o.FieldSelectionQueryParameter);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    internal static string Fingerprint(IReadOnlySet<string> permissions)
    {
        var sorted = permissions.Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sorted)));
        return Convert.ToHexString(hash, 0, 16);
    }
}
