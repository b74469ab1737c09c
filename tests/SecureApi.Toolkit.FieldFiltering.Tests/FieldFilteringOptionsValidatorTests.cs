using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests;

public class FieldFilteringOptionsValidatorTests
{
    private static string Fail(Action<FieldFilteringOptions> configure)
    {
        var options = new FieldFilteringOptions();
        configure(options);
        var result = new FieldFilteringOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new FieldFilteringOptionsValidator().Validate(null, new FieldFilteringOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ShortPseudonymKey_NamesOptionAndFix()
    {
        var message = Fail(o => o.PseudonymKeys["k1"] = new byte[16]);

        Assert.Contains("PseudonymKeys['k1']", message, StringComparison.Ordinal);
        Assert.Contains("RandomNumberGenerator", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CurrentKeyIdWithoutKey_Fails()
    {
        Assert.Contains("CurrentPseudonymKeyId", Fail(o => o.CurrentPseudonymKeyId = "missing"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyIdWithColon_Fails()
    {
        Assert.Contains("without ':'", Fail(o => o.PseudonymKeys["a:b"] = new byte[32]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_MaxSelectedFieldsOutOfRange_Fails(int value)
    {
        Assert.Contains("MaxSelectedFields", Fail(o => o.MaxSelectedFields = value), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeclarationWithoutPermission_Fails()
    {
        Assert.Contains("VendorRecord.Phone", Fail(o => o.Classify<VendorRecord>(v => v.Phone, new FieldPermissionAttribute())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFieldFiltering_InvalidOptions_FailAtStart()
    {
        // A real app, started as the host starts it: nothing reads the options before StartAsync.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(api => api.AddFieldFiltering(o =>
        {
            Filtering.Defaults(o);
            o.PseudonymKeys["short"] = new byte[8];
        }));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("PseudonymKeys['short']", error.Message, StringComparison.Ordinal);
        Assert.False(app.Lifetime.ApplicationStarted.IsCancellationRequested);
    }

    [Fact]
    public void Classify_ExpressionThatIsNotAMember_Throws()
    {
        var options = new FieldFilteringOptions();

        Assert.Throws<ArgumentException>(() => options.Classify<VendorRecord>(v => v.Phone!.Trim(), new FieldPermissionAttribute("p")));
    }
}
