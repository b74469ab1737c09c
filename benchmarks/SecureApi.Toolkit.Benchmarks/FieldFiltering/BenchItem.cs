using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.Benchmarks.FieldFiltering;

/// <summary>Twelve properties: eight public, four classified of which two are masked.</summary>
public sealed class BenchItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Sku { get; set; } = "";

    public int Quantity { get; set; }

    public decimal Price { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = "";

    public bool Active { get; set; }

    [FieldPermission("customers.pii.read", Action = FieldAction.Mask, Mask = FieldMask.Email)]
    public string Email { get; set; } = "";

    [FieldPermission("payments.read", Action = FieldAction.Mask, Mask = FieldMask.KeepLast)]
    public string CardNumber { get; set; } = "";

    [FieldPermission("finance.read")]
    public decimal Cost { get; set; }

    [FieldPermission("support.read")]
    public string Notes { get; set; } = "";
}
