using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace SecureApi.Toolkit.IntegrationTests.Sample;

public class SampleAppTests
{
    [Fact]
    public async Task UnhandledException_IsProblemJson500_WithoutExceptionDetails()
    {
        await using var sample = await RunningSample.StartAsync([], app =>
            app.MapGet("/boom", string () => throw new InvalidOperationException("secret-connection-string=abc")));

        using var response = await sample.Http.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret-connection-string", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOrder_ForExistingCustomer_Returns201AndTotal()
    {
        await using var sample = await RunningSample.StartAsync([]);

        using var response = await sample.Http.PostAsJsonAsync("/orders", new { customerId = 1001, lines = new[] { new { sku = "WIDGET-S", quantity = 4, unitPrice = 2.5m } } });
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10m, order.GetProperty("total").GetDecimal());
        Assert.Equal($"/orders/{order.GetProperty("id").GetInt32()}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostOrder_ForUnknownCustomer_IsValidationProblem400()
    {
        await using var sample = await RunningSample.StartAsync([]);

        using var response = await sample.Http.PostAsJsonAsync("/orders", new { customerId = 424242, lines = new[] { new { sku = "WIDGET-S", quantity = 1, unitPrice = 1m } } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customerId", out _));
    }

    [Fact]
    public async Task GetCustomerOrders_ReturnsOnlyThatCustomersOrders()
    {
        await using var sample = await RunningSample.StartAsync([]);

        var orders = await sample.Http.GetFromJsonAsync<JsonElement>("/customers/1002/orders");

        Assert.NotEqual(0, orders.GetArrayLength());
        Assert.All(orders.EnumerateArray(), o => Assert.Equal(1002, o.GetProperty("customerId").GetInt32()));
    }
}
