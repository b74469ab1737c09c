namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

public static class Perms
{
    public const string Pii = "customers.pii.read";
    public const string Payments = "payments.read";
    public const string Finance = "customers.finance.read";
    public const string Risk = "risk.read";
    public const string OrdersRead = "orders.read";
    public const string Support = "support.read";
    public const string OrdersFinance = "orders.finance.read";
    public const string Audit = "audit.read";
    public const string Hr = "hr.read";
    public const string Vendors = "vendors.read";
}
