namespace SecureApi.Toolkit.Callers;

/// <summary>The request feature that holds the <see cref="ApiCaller"/> once it has been computed.</summary>
public interface IApiCallerFeature
{
    /// <summary>Gets the caller of the request.</summary>
    ApiCaller Caller { get; }
}
