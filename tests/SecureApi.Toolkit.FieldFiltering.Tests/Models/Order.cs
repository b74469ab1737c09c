using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

public sealed class Order
{
    public int Id { get; set; }

    [FieldPermission(Perms.OrdersFinance)]
    public decimal Total { get; set; }

    [FieldPermission(Perms.OrdersRead, Perms.Support)]
    public string? Notes { get; set; }

    [FieldPermission(Perms.OrdersFinance, Perms.Audit, Matching = PermissionMatch.All)]
    public decimal? Margin { get; set; }
}
