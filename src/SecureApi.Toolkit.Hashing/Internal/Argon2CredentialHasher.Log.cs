using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.Hashing.Internal;

internal sealed partial class Argon2CredentialHasher
{
    // Never a secret, a salt or a tag: reason codes, cost parameters and pepper ids only.
    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "HashRefusedOverloaded", Level = LogLevel.Warning, Message = "Credential hashing refused: {Reason} (budget {BudgetKiB} KiB, queue {QueueLength}).")]
        public static partial void HashRefusedOverloaded(ILogger logger, string reason, long budgetKiB, int queueLength);

        [LoggerMessage(EventId = 3002, EventName = "VerifyRefusedMalformed", Level = LogLevel.Warning, Message = "Stored credential hash refused as malformed: {ParseError}.")]
        public static partial void VerifyRefusedMalformed(ILogger logger, string parseError);

        [LoggerMessage(EventId = 3003, EventName = "VerifyRejectedByPolicy", Level = LogLevel.Warning, Message = "Stored credential hash refused by the verify policy: {Reason} (m={MemoryKiB}, t={Iterations}, p={Parallelism}, salt {SaltLength} B, tag {HashLength} B).")]
        public static partial void VerifyRejectedByPolicy(ILogger logger, string reason, uint memoryKiB, uint iterations, uint parallelism, int saltLength, int hashLength);

        [LoggerMessage(EventId = 3004, EventName = "VerifyUnsupported", Level = LogLevel.Warning, Message = "Stored credential hash cannot be verified here: {Reason} ({Detail}).")]
        public static partial void VerifyUnsupported(ILogger logger, string reason, string detail);

        [LoggerMessage(EventId = 3005, EventName = "VerifyRefusedOverloaded", Level = LogLevel.Warning, Message = "Credential verification refused: {Reason} (budget {BudgetKiB} KiB, queue {QueueLength}).")]
        public static partial void VerifyRefusedOverloaded(ILogger logger, string reason, long budgetKiB, int queueLength);

        [LoggerMessage(EventId = 3007, EventName = "VerifyRejectedByPolicyBeforeDecoding", Level = LogLevel.Warning, Message = "Stored credential hash refused by the verify policy before decoding: {Reason}.")]
        public static partial void VerifyRejectedByPolicyBeforeDecoding(ILogger logger, string reason);

        [LoggerMessage(EventId = 3006, EventName = "RehashNeeded", Level = LogLevel.Debug, Message = "Credential verified; rehash needed: {Reason}.")]
        public static partial void RehashNeeded(ILogger logger, string reason);
    }
}
