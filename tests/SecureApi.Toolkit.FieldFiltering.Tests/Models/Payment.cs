using System.Text.Json.Serialization;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

[JsonDerivedType(typeof(CardPayment), "card")]
[JsonDerivedType(typeof(BankPayment), "bank")]
public abstract class Payment
{
    public int Id { get; set; }

    public decimal Amount { get; set; }
}
