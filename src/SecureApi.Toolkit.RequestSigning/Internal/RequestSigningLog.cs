using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Logs with stable event ids; key ids and reason codes only, never a signature, key or base.</summary>
internal static partial class RequestSigningLog
{
    [LoggerMessage(EventId = 4101, EventName = "SignatureRejected", Level = LogLevel.Information,
        Message = "HTTP signature rejected: {Reason} (key id {KeyId}, profile {Profile}): {Detail}")]
    public static partial void SignatureRejected(ILogger logger, string reason, string? keyId, string profile, string? detail);

    [LoggerMessage(EventId = 4102, EventName = "SignatureAccepted", Level = LogLevel.Debug,
        Message = "HTTP signature accepted: key id {KeyId}, label {Label}, algorithm {Algorithm}, profile {Profile}")]
    public static partial void SignatureAccepted(ILogger logger, string keyId, string label, string algorithm, string profile);

    [LoggerMessage(EventId = 4103, EventName = "ReplayStoreUnavailable", Level = LogLevel.Warning,
        Message = "The replay store is unavailable; applying fail mode {Mode}")]
    public static partial void ReplayStoreUnavailable(ILogger logger, ReplayStoreFailureMode mode);

    [LoggerMessage(EventId = 4104, EventName = "ResponseNotSigned", Level = LogLevel.Warning,
        Message = "The response could not be signed and goes out unsigned: {Reason}")]
    public static partial void ResponseNotSigned(ILogger logger, string reason);
}
