using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Http;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Http;

public class FieldFilteringProblemDetailsSetupTests
{
    private static void Customize(Microsoft.AspNetCore.Mvc.ProblemDetails problem, FieldFilterScope? scope, ForbiddenWriteHandling handling = ForbiddenWriteHandling.Ignore)
    {
        var options = new ProblemDetailsOptions();
        new FieldFilteringProblemDetailsSetup(Options.Create(new FieldFilteringOptions { ForbiddenWrites = handling })).Configure(options);
        using (FieldFilterScope.Enter(scope))
        {
            options.CustomizeProblemDetails!(new ProblemDetailsContext { HttpContext = new DefaultHttpContext(), ProblemDetails = problem });
        }
    }

    private static HttpValidationProblemDetails Problem() => new(new Dictionary<string, string[]>
    {
        ["name"] = ["The name is required."],
        ["$.taxNumber"] = ["The JSON value could not be converted. Path: $.taxNumber"],
        ["Signup.TaxNumber"] = ["TaxNumber 123-45 is not valid."],
    })
    {
        Status = 400,
        Detail = "taxNumber must be set",
    };

    [Fact]
    public void Customize_ErrorsOnHiddenMembers_FoldedIntoOneGenericError()
    {
        var scope = new FieldFilterScope(new HashSet<string>());
        scope.NoteHidden("TaxNumber", "taxNumber");
        var problem = Problem();

        Customize(problem, scope);

        Assert.Equal(["", "name"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The request is invalid."], problem.Errors[""]);
        Assert.Null(problem.Detail);
    }

    [Fact]
    public void Customize_NothingHidden_LeavesTheProblemAlone()
    {
        var problem = Problem();

        Customize(problem, new FieldFilterScope(new HashSet<string>()));

        Assert.Equal(3, problem.Errors.Count);
        Assert.Equal("taxNumber must be set", problem.Detail);
    }

    [Fact]
    public void Customize_RefusedWriteInRejectMode_GetsThePackagesProblemType()
    {
        var scope = new FieldFilterScope(new HashSet<string>()) { ForbiddenWriteAttempted = true };
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 400, Title = "Bad Request", Detail = "Failed to read parameter Customer c" };

        Customize(problem, scope, ForbiddenWriteHandling.Reject);

        Assert.Equal("urn:secureapi:problem:forbidden-field-write", problem.Type);
        Assert.Null(problem.Detail);
        Assert.Equal("forbidden-field-write", problem.Extensions["reason"]);
    }
}
