using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// Wraps the resolver of both ASP.NET Core JSON option sets (minimal APIs and MVC) after the application has
/// configured them, so a source-generated context added in <c>ConfigureHttpJsonOptions</c> is filtered too.
/// </summary>
internal sealed class FieldFilteringJsonOptionsSetup(FieldFilteringModifier modifier) :
    IPostConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>,
    IPostConfigureOptions<Microsoft.AspNetCore.Mvc.JsonOptions>
{
    public void PostConfigure(string? name, Microsoft.AspNetCore.Http.Json.JsonOptions options) => Wrap(options.SerializerOptions);

    public void PostConfigure(string? name, Microsoft.AspNetCore.Mvc.JsonOptions options) => Wrap(options.JsonSerializerOptions);

    internal void Wrap(JsonSerializerOptions options)
    {
        if (FieldFilteringTypeInfoResolver.IsFiltering(options))
        {
            return;
        }

        options.TypeInfoResolver = new FieldFilteringTypeInfoResolver(options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(), modifier);
    }
}
