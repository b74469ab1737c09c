using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

public sealed class BankPayment : Payment
{
    [FieldPermission(Perms.Payments)]
    public string? Iban { get; set; }
}
