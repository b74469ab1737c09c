namespace SecureApi.Sample.Data;

/// <summary>The body of <c>POST /orders</c>; validated by the endpoint.</summary>
internal sealed record NewOrder(int? CustomerId, IReadOnlyList<OrderLine>? Lines, string? InternalNotes);
