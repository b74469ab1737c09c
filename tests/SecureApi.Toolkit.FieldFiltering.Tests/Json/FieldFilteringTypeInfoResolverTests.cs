using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Json;

public class FieldFilteringTypeInfoResolverTests
{
    [Fact]
    public void WithFieldFiltering_SourceGeneratedContext_FiltersLikeReflection()
    {
        using var services = Filtering.Services();
        var generated = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = TestJsonContext.Default.WithFieldFiltering(services) };
        var reflection = Filtering.JsonOptions(services);

        foreach (var permissions in new[] { Array.Empty<string>(), [Perms.Pii], [Perms.Finance, Perms.Payments], [Perms.Hr] })
        {
            Assert.Equal(Filtering.As(reflection, SampleData.Customer(), permissions), Filtering.As(generated, SampleData.Customer(), permissions));
            Assert.Equal(Filtering.As(reflection, SampleData.Employee(), permissions), Filtering.As(generated, SampleData.Employee(), permissions));
            Assert.Equal(Filtering.As(reflection, SampleData.Payments(), permissions), Filtering.As(generated, SampleData.Payments(), permissions));
        }
    }

    [Fact]
    public void WithFieldFiltering_SourceGeneratedContext_NoScopeHidesClassified()
    {
        using var services = Filtering.Services();
        var generated = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = TestJsonContext.Default.WithFieldFiltering(services) };

        var json = JsonSerializer.Serialize(SampleData.Customer(), generated);

        Assert.DoesNotContain("078-05-1120", json, StringComparison.Ordinal);
        Assert.DoesNotContain("4111222233334444", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WithFieldFiltering_Twice_WrapsOnce()
    {
        using var services = Filtering.Services();
        var once = TestJsonContext.Default.WithFieldFiltering(services);

        Assert.Same(once, once.WithFieldFiltering(services));
    }

    [Fact]
    public void WithFieldFiltering_WithoutServices_Throws()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => TestJsonContext.Default.WithFieldFiltering(services));
        Assert.Contains("AddFieldFiltering", error.Message, StringComparison.Ordinal);
    }
}
