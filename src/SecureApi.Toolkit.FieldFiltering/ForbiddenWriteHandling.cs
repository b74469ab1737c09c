namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>What happens when a request body sets a property the caller may not see (mass assignment).</summary>
public enum ForbiddenWriteHandling
{
    /// <summary>The value is dropped and the request goes on, as if the property had not been sent. The default.</summary>
    Ignore = 0,

    /// <summary>
    /// The request is refused with 400 problem+json (reason <c>forbidden-field-write</c>) before the endpoint runs.
    /// The response does not say which property was refused.
    /// </summary>
    Reject = 1,
}
