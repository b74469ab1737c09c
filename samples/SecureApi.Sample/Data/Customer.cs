namespace SecureApi.Sample.Data;

/// <summary>
/// A customer. <see cref="Email"/>, <see cref="CardNumber"/>, <see cref="CreditLimit"/> and <see cref="InternalNotes"/>
/// are the sensitive fields that a public API must not hand to every caller.
/// </summary>
/// <param name="Id">The customer number.</param>
/// <param name="OwnerId">The caller id of the account that owns the record, for example <c>sub:alice</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">Personal data.</param>
/// <param name="CardNumber">Payment data.</param>
/// <param name="CreditLimit">Commercial data, for staff only.</param>
/// <param name="InternalNotes">Staff notes, never for the customer.</param>
/// <param name="CreatedAt">When the record was created.</param>
internal sealed record Customer(
    int Id,
    string OwnerId,
    string Name,
    string Email,
    string CardNumber,
    decimal CreditLimit,
    string InternalNotes,
    DateTimeOffset CreatedAt);
