namespace SecureApi.Toolkit.Callers;

/// <summary>How the caller of a request was identified.</summary>
public enum ApiCallerKind
{
    /// <summary>Not authenticated: identified by its (trusted-proxy aware) remote address only.</summary>
    AnonymousAddress = 0,

    /// <summary>Authenticated by a verified HTTP message signature; the id is the key's client.</summary>
    SignedClient = 1,

    /// <summary>Authenticated by an access token; the id is the token's subject.</summary>
    TokenSubject = 2,

    /// <summary>Authenticated by an API key; the id is the scheme's subject (with the tokens package: the key's client, or the key's id when it has none).</summary>
    ApiKey = 3,
}
