using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.Tokens;

/// <summary>Log messages of the tokens package: reason codes and key ids only, never a token, key or secret.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Credentials refused by scheme {Scheme}: {Reason}.")]
    public static partial void CredentialsRefused(ILogger logger, string scheme, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The {Store} store could not answer; the credential is refused (fail closed).")]
    public static partial void StoreUnavailable(ILogger logger, string store, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "API key {KeyId} created.")]
    public static partial void ApiKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "API key {KeyId} revoked.")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Activation code issued for client {ClientId}, valid until {ExpiresAt}.")]
    public static partial void ActivationCodeIssued(ILogger logger, string clientId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Client {ClientId} activated.")]
    public static partial void ClientActivated(ILogger logger, string clientId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Endpoint} endpoint refused a request: {Error}.")]
    public static partial void EndpointRejected(ILogger logger, string endpoint, string error);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Token settings: {Finding}")]
    public static partial void StartupFinding(ILogger logger, string finding);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Permission check refused the caller; required: {Required}.")]
    public static partial void PermissionDenied(ILogger logger, string required);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Keys of external authority {Issuer} could not be fetched.")]
    public static partial void AuthorityKeysUnavailable(ILogger logger, string issuer, Exception exception);
}
