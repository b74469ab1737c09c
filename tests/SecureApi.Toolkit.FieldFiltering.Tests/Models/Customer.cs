using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

public sealed class Customer
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    [FieldPermission(Perms.Pii, Action = FieldAction.Mask, Mask = FieldMask.Email)]
    public string? Email { get; set; }

    [FieldPermission(Perms.Pii)]
    public string? Ssn { get; set; }

    [FieldPermission(Perms.Payments, Action = FieldAction.Mask, Mask = FieldMask.KeepLast)]
    public string? CardNumber { get; set; }

    [FieldPermission(Perms.Finance)]
    public decimal CreditLimit { get; set; }

    [FieldPermission(Perms.Pii, Action = FieldAction.Null)]
    public DateOnly? Birthday { get; set; }

    [FieldPermission(Perms.Risk, Action = FieldAction.Mask)]
    public int RiskScore { get; set; }

    [FieldPermission(Perms.Finance)]
    public int? LoyaltyPoints { get; set; }

    public Address? Address { get; set; }

    public List<Order> Orders { get; set; } = [];
}
