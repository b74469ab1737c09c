namespace SecureApi.Sample.Data;

/// <summary>The body of <c>POST /customers</c>; validated by the endpoint.</summary>
internal sealed record NewCustomer(string? Name, string? Email, string? CardNumber, decimal? CreditLimit, string? InternalNotes);
