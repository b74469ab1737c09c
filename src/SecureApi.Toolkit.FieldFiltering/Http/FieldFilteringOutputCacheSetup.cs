using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>Adds the permission-set vary rule as a base policy of every cached endpoint.</summary>
internal sealed class FieldFilteringOutputCacheSetup(FieldFilteringOutputCachePolicy policy) : IConfigureOptions<OutputCacheOptions>
{
    public void Configure(OutputCacheOptions options) => options.AddBasePolicy(policy);
}
