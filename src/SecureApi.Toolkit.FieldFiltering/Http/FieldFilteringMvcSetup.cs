using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>Adds the MVC filter globally when the app uses MVC.</summary>
internal sealed class FieldFilteringMvcSetup : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        if (!options.Filters.OfType<TypeFilterAttribute>().Any(f => f.ImplementationType == typeof(FieldFilteringMvcFilter)))
        {
            options.Filters.Add(typeof(FieldFilteringMvcFilter), FieldFilteringMvcFilter.Order);
        }
    }
}
