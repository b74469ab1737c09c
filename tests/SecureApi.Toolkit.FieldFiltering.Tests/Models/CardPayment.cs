using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

public sealed class CardPayment : Payment
{
    [FieldPermission(Perms.Payments, Action = FieldAction.Mask, Mask = FieldMask.KeepLast, KeepLast = 4)]
    public string? Pan { get; set; }
}
