namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Marks a named HttpClient as signing.</summary>
/// <param name="ClientName">The client name.</param>
internal sealed record HttpMessageSigningRegistration(string ClientName);
