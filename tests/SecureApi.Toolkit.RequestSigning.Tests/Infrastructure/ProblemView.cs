namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

public sealed record ProblemView(int Status, string Type, string Title, string Reason);
