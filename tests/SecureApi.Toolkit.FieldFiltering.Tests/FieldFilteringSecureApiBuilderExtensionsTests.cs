using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Json;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests;

public class FieldFilteringSecureApiBuilderExtensionsTests
{
    [Fact]
    public void AddFieldFiltering_Twice_WrapsEachJsonOptionSetOnceAndKeepsBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecureApi(api => api
            .AddFieldFiltering(o => o.ForbiddenWrites = ForbiddenWriteHandling.Reject)
            .AddFieldFiltering(o => o.EnableFieldSelection = true));
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var mvc = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;
        var options = provider.GetRequiredService<IOptions<FieldFilteringOptions>>().Value;

        var wrapper = Assert.IsType<FieldFilteringTypeInfoResolver>(http.TypeInfoResolver);
        Assert.IsNotType<FieldFilteringTypeInfoResolver>(wrapper.Inner);
        Assert.IsType<FieldFilteringTypeInfoResolver>(mvc.TypeInfoResolver);
        Assert.Equal(ForbiddenWriteHandling.Reject, options.ForbiddenWrites);
        Assert.True(options.EnableFieldSelection);
    }

    [Fact]
    public void AddFieldFiltering_SourceGeneratedContextInTheChain_IsWrappedToo()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TestJsonContext.Default));
        services.AddSecureApi(api => api.AddFieldFiltering());
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var json = JsonSerializer.Serialize(SampleData.Customer(), options);

        Assert.IsType<FieldFilteringTypeInfoResolver>(options.TypeInfoResolver);
        Assert.DoesNotContain("078-05-1120", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_StringOnlyMaskOnANumber_FailsNamingTheMember()
    {
        var options = Filtering.JsonOptions(o => o.Classify<Order>(x => x.Total, new FieldPermissionAttribute("p") { Action = FieldAction.Mask, Mask = FieldMask.Email }));

        var error = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(new Order(), options));

        Assert.Contains("Order.Total", error.Message, StringComparison.Ordinal);
        Assert.Contains("FieldMask.Fixed", error.Message, StringComparison.Ordinal);
    }
}
