namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

public sealed record CallerView(string Id, string Kind, string? ClientId, string[] Permissions, string? KeyId);
