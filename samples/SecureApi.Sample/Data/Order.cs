namespace SecureApi.Sample.Data;

/// <summary>An order placed for a customer; <see cref="InternalNotes"/> is for staff only.</summary>
/// <param name="Id">The order number.</param>
/// <param name="CustomerId">The customer the order is for.</param>
/// <param name="OwnerId">The caller id of the account that owns the record.</param>
/// <param name="Lines">What was ordered.</param>
/// <param name="Total">The sum of the lines.</param>
/// <param name="Status">For example <c>placed</c>, <c>shipped</c>.</param>
/// <param name="InternalNotes">Staff notes.</param>
/// <param name="PlacedAt">When the order was placed.</param>
internal sealed record Order(
    int Id,
    int CustomerId,
    string OwnerId,
    IReadOnlyList<OrderLine> Lines,
    decimal Total,
    string Status,
    string InternalNotes,
    DateTimeOffset PlacedAt);
