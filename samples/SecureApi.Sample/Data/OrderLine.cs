namespace SecureApi.Sample.Data;

/// <summary>One line of an order.</summary>
/// <param name="Sku">The product code.</param>
/// <param name="Quantity">How many, at least 1.</param>
/// <param name="UnitPrice">The price of one, not negative.</param>
internal sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
