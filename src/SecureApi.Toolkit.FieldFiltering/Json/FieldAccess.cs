using System.Text.Json;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// The checks one classified JSON property runs: a bit test against the current scope's permissions, counted for
/// the metrics, and the write-side guard against mass assignment.
/// </summary>
internal sealed class FieldAccess(FieldRule rule, string jsonName, ForbiddenWriteHandling forbiddenWrites)
{
    public FieldRule Rule { get; } = rule;

    public string JsonName { get; } = jsonName;

    /// <summary>Returns whether the current caller may see the value; with no scope, never.</summary>
    public bool CanRead()
    {
        var scope = FieldFilterScope.Current;
        return scope is not null && scope.Allows(Rule.Requirement);
    }

    /// <summary>Returns whether the property is written at all: permitted and, when the client selected fields, selected.</summary>
    public bool ShouldWrite()
    {
        var scope = FieldFilterScope.Current;
        if (scope is null)
        {
            return false;
        }

        if (!scope.Allows(Rule.Requirement))
        {
            scope.Removed++;
            return false;
        }

        return scope.Selection is null || scope.Selection.Select(JsonName);
    }

    /// <summary>
    /// Returns whether a request body may set the property. When it may not, the attempt is noted on the scope and,
    /// with <see cref="ForbiddenWriteHandling.Reject"/>, reading stops with a <see cref="JsonException"/> whose message
    /// does not name the property.
    /// </summary>
    public bool CanWrite()
    {
        var scope = FieldFilterScope.Current;
        if (scope is not null && scope.Allows(Rule.Requirement))
        {
            return true;
        }

        if (scope is not null)
        {
            scope.ForbiddenWriteAttempted = true;
        }

        if (forbiddenWrites == ForbiddenWriteHandling.Reject)
        {
            throw new ForbiddenFieldWriteException();
        }

        return false;
    }
}
