using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.FieldFiltering.Diagnostics;

/// <summary>Field-filtering log messages. They name types and members, never values.</summary>
internal static partial class FieldFilteringLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Field filtering: {Member} can carry data past the per-property filter ({Reason}). Model it as typed properties or classify the member itself.")]
    public static partial void BypassMember(ILogger logger, string member, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Field filtering: a request body set a property the caller may not see; handling: {Handling}.")]
    public static partial void ForbiddenWrite(ILogger logger, ForbiddenWriteHandling handling);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Field filtering: a response of {Type} was about to be serialized with JSON options that skip field filtering (for example a source-generated JsonTypeInfo passed directly); it was refused with 500.")]
    public static partial void UnfilteredSerialization(ILogger logger, string type);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Field filtering: {Context} can serialize classified type {Type} without field filtering when its JsonTypeInfo is used directly. Serialize through the app's JSON options (which wrap the context) instead.")]
    public static partial void UnfilteredContext(ILogger logger, string context, string type);
}
