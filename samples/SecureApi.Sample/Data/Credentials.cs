namespace SecureApi.Sample.Data;

/// <summary>The body of <c>POST /accounts</c> and <c>POST /accounts/login</c>.</summary>
internal sealed record Credentials(string? UserName, string? Password);
