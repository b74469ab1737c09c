using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Http;

/// <summary>End to end on TestServer: minimal APIs and MVC controllers, the caller's permissions from authentication.</summary>
public class FieldFilteringMiddlewareTests
{
    private static readonly JsonSerializerOptions Expected = Filtering.JsonOptions();

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/minimal/customer", "/mvc/customer", "/minimal/typed" })
        {
            foreach (var permissions in new[] { "", Perms.Pii, $"{Perms.Finance} {Perms.Payments}", $"{Perms.Pii} {Perms.Finance} {Perms.Payments} {Perms.Risk} {Perms.OrdersFinance} {Perms.Audit} {Perms.Support}" })
            {
                data.Add(path, permissions);
            }
        }

        return data;
    }

    private static string[] Split(string permissions) => permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_MinimalAndMvc_FilteredByTheCallersPermissions(string path, string permissions)
    {
        await using var app = await TestApp.StartAsync();

        var (status, body, _) = await app.SendAsync(HttpMethod.Get, path, Split(permissions));

        Assert.Equal(200, status);
        Assert.Equal(Filtering.As(Expected, SampleData.Customer(), Split(permissions)), body);
    }

    [Fact]
    public async Task Get_AnonymousCaller_SeesOnlyPublicShape()
    {
        await using var app = await TestApp.StartAsync();

        var (_, body, _) = await app.SendAsync(HttpMethod.Get, "/minimal/customer", permissions: null);

        Assert.Equal(Filtering.As(Expected, SampleData.Customer()), body);
        Assert.DoesNotContain("078-05-1120", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PolymorphicList_FilteredPerDerivedType()
    {
        await using var app = await TestApp.StartAsync();

        var (_, body, _) = await app.SendAsync(HttpMethod.Get, "/minimal/payments", []);

        Assert.Equal(Filtering.As(Expected, SampleData.Payments()), body);
        Assert.DoesNotContain("GB82WEST12345698765432", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ConcurrentCallersWithDifferentPermissions_NeverSeeEachOthersShape()
    {
        await using var app = await TestApp.StartAsync();
        string[][] sets = [[], [Perms.Pii], [Perms.Finance], [Perms.Payments, Perms.Risk], [Perms.Pii, Perms.Finance, Perms.OrdersFinance, Perms.Audit]];
        string[] paths = ["/minimal/customers", "/mvc/customer", "/minimal/customer"];
        var expectedOne = sets.Select(s => Filtering.As(Expected, SampleData.Customer(), s)).ToArray();
        var expectedList = sets.Select(s => Filtering.As(Expected, Enumerable.Range(0, 3).Select(_ => SampleData.Customer()).ToList(), s)).ToArray();

        var requests = Enumerable.Range(0, 240).Select(async i =>
        {
            var set = i % sets.Length;
            var path = paths[i / sets.Length % paths.Length];
            var (status, body, _) = await app.SendAsync(HttpMethod.Get, path, sets[set]);
            return (status, body, expected: path.EndsWith('s') ? expectedList[set] : expectedOne[set]);
        });

        foreach (var (status, body, expected) in await Task.WhenAll(requests))
        {
            Assert.Equal(200, status);
            Assert.Equal(expected, body);
        }
    }

    [Theory]
    [InlineData("/minimal/customer")]
    [InlineData("/mvc/customer")]
    public async Task Post_ForbiddenPropertyInIgnoreMode_IsDropped(string path)
    {
        await using var app = await TestApp.StartAsync();
        const string body = """{"id":1,"name":"N","ssn":"999-99-9999","creditLimit":5000000}""";

        var (status, denied, _) = await app.SendAsync(HttpMethod.Post, path, [Perms.Finance], body);
        var (_, allowed, _) = await app.SendAsync(HttpMethod.Post, path, [Perms.Pii, Perms.Finance], body);

        Assert.Equal(200, status);
        Assert.DoesNotContain("999-99-9999", denied, StringComparison.Ordinal);
        Assert.Contains("\"creditLimit\":5000000", denied, StringComparison.Ordinal);
        Assert.Contains("\"ssn\":\"999-99-9999\"", allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/minimal/customer", """{"id":1,"name":"N","ssn":"999-99-9999"}""")]
    [InlineData("/mvc/customer", """{"id":1,"name":"N","ssn":"999-99-9999"}""")]
    [InlineData("/minimal/employee", """{"id":1,"name":"N","salary":999999}""")]
    public async Task Post_ForbiddenPropertyInRejectMode_Is400ProblemWithoutTheName(string path, string body)
    {
        await using var app = await TestApp.StartAsync(o => o.ForbiddenWrites = ForbiddenWriteHandling.Reject);

        var (status, problem, contentType) = await app.SendAsync(HttpMethod.Post, path, [Perms.Finance], body);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("urn:secureapi:problem:forbidden-field-write", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("ssn", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("salary", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("999", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PermittedWriteInRejectMode_Succeeds()
    {
        await using var app = await TestApp.StartAsync(o => o.ForbiddenWrites = ForbiddenWriteHandling.Reject);

        var (status, body, _) = await app.SendAsync(HttpMethod.Post, "/minimal/customer", [Perms.Pii], """{"id":1,"name":"N","ssn":"999-99-9999"}""");

        Assert.Equal(200, status);
        Assert.Contains("999-99-9999", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValidationErrorOnHiddenProperty_DoesNotNameIt()
    {
        await using var app = await TestApp.StartAsync();

        var (status, denied, _) = await app.SendAsync(HttpMethod.Post, "/mvc/signup", [], """{"name":"x","taxNumber":"123"}""");
        var (_, visible, _) = await app.SendAsync(HttpMethod.Post, "/mvc/signup", [Perms.Pii], """{"name":"x"}""");

        Assert.Equal(400, status);
        Assert.DoesNotContain("taxnumber", denied, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("123", denied, StringComparison.Ordinal);
        Assert.Contains("The request is invalid.", denied, StringComparison.Ordinal);
        Assert.Contains("TaxNumber", visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValidationErrorOnUnclassifiedTypeSharingAHiddenName_KeepsIt()
    {
        await using var app = await TestApp.StartAsync();

        // Customer.Email is classified; ContactRequest.Email is not, so its error stays for a caller without the permission.
        var (status, body, _) = await app.SendAsync(HttpMethod.Post, "/mvc/contact", [], """{"email":"not-an-address"}""");

        Assert.Equal(400, status);
        Assert.Contains("\"Email\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("The request is invalid.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/mvc/unfiltered")]
    [InlineData("/mvc/own-options")]
    public async Task Get_JsonResultWithUnfilteredOptions_IsRefused(string path)
    {
        await using var app = await TestApp.StartAsync();

        var (status, body, _) = await app.SendAsync(HttpMethod.Get, path, []);

        Assert.Equal(500, status);
        Assert.DoesNotContain("078-05-1120", body, StringComparison.Ordinal);
        Assert.Contains("unfiltered-serialization", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OutputCache_VariesByPermissionSet()
    {
        // Counting handler runs proves both halves: each permission set gets its own entry, and a repeat is served from cache.
        var calls = 0;
        await using var app = await TestApp.StartAsync(outputCache: true, map: a => a.MapGet("/cached/counted", () =>
        {
            Interlocked.Increment(ref calls);
            return SampleData.Customer();
        }).CacheOutput("shared"));

        var (_, first, _) = await app.SendAsync(HttpMethod.Get, "/cached/counted", [Perms.Pii]);
        var (_, other, _) = await app.SendAsync(HttpMethod.Get, "/cached/counted", [Perms.Finance]);
        var (_, anonymous, _) = await app.SendAsync(HttpMethod.Get, "/cached/counted", permissions: null);
        Assert.Equal(3, Volatile.Read(ref calls));
        var (_, again, _) = await app.SendAsync(HttpMethod.Get, "/cached/counted", [Perms.Pii]);

        Assert.Equal(3, Volatile.Read(ref calls));
        Assert.Contains("078-05-1120", first, StringComparison.Ordinal);
        Assert.DoesNotContain("078-05-1120", other, StringComparison.Ordinal);
        Assert.DoesNotContain("078-05-1120", anonymous, StringComparison.Ordinal);
        Assert.Contains("987654.32", other, StringComparison.Ordinal);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Get_FieldSelection_NarrowsButNeverReveals()
    {
        await using var app = await TestApp.StartAsync(o => o.EnableFieldSelection = true);

        var (_, hiddenName, _) = await app.SendAsync(HttpMethod.Get, "/minimal/customer?fields=id,name,ssn,orders.total", []);
        var (_, unknownName, _) = await app.SendAsync(HttpMethod.Get, "/minimal/customer?fields=id,name,doesNotExist,orders.total", []);
        var (_, permitted, _) = await app.SendAsync(HttpMethod.Get, "/mvc/customer?fields=id,ssn,orders.total,address", [Perms.Pii, Perms.OrdersFinance]);
        var (_, none, _) = await app.SendAsync(HttpMethod.Get, "/minimal/customer", []);

        Assert.Equal("""{"id":7,"name":"Ada","orders":[{},{}]}""", hiddenName);
        Assert.Equal(hiddenName, unknownName);
        Assert.Equal("""{"id":7,"ssn":"078-05-1120","address":{"street":"12 Secret Lane","city":"Hiddenville","country":"UK"},"orders":[{"total":4321.09},{"total":5432.10}]}""", permitted);
        Assert.Equal(Filtering.As(Expected, SampleData.Customer()), none);
    }

    [Fact]
    public async Task Get_FieldSelectionDisabled_IgnoresTheParameter()
    {
        await using var app = await TestApp.StartAsync();

        var (_, body, _) = await app.SendAsync(HttpMethod.Get, "/minimal/customer?fields=id", []);

        Assert.Equal(Filtering.As(Expected, SampleData.Customer()), body);
    }

    [Fact]
    public async Task Get_Metrics_CountRemovedAndMaskedPerResponse()
    {
        await using var app = await TestApp.StartAsync();
        var meterFactory = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var removed = new MetricCollector<int>(meterFactory, "SecureApi.Toolkit.FieldFiltering", "secureapi.fieldfiltering.removed");
        using var masked = new MetricCollector<int>(meterFactory, "SecureApi.Toolkit.FieldFiltering", "secureapi.fieldfiltering.masked");

        await app.SendAsync(HttpMethod.Get, "/minimal/customer", []);

        // ssn, creditLimit, loyaltyPoints, birthday (nulled), address.street, address.city, 2 × (total, notes, margin).
        Assert.Equal(12, Assert.Single(removed.GetMeasurementSnapshot()).Value);
        Assert.Equal(3, Assert.Single(masked.GetMeasurementSnapshot()).Value);
        Assert.Empty(removed.GetMeasurementSnapshot()[0].Tags);
    }

    [Fact]
    public async Task UseFieldFiltering_WithoutAddFieldFiltering_ThrowsActionableMessage()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseFieldFiltering());

        Assert.Contains("AddFieldFiltering", error.Message, StringComparison.Ordinal);
    }
}
