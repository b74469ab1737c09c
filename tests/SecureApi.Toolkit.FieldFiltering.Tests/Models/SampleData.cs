namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>Sample values; every classified value is distinctive so a leak is findable in the output bytes.</summary>
public static class SampleData
{
    public static Customer Customer() => new()
    {
        Id = 7,
        Name = "Ada",
        Email = "ada.lovelace@example.com",
        Ssn = "078-05-1120",
        CardNumber = "4111222233334444",
        CreditLimit = 987654.32m,
        Birthday = new DateOnly(1815, 12, 10),
        RiskScore = 8642,
        LoyaltyPoints = 13579,
        Address = new Address { Street = "12 Secret Lane", City = "Hiddenville", Country = "UK" },
        Orders =
        [
            new Order { Id = 1, Total = 4321.09m, Notes = "deliver-to-back-door", Margin = 0.4242m },
            new Order { Id = 2, Total = 5432.10m, Notes = "gift-wrap-please", Margin = null },
        ],
    };

    public static Employee Employee() => new(3, "Grace", 123456.78m, "AB123456C");

    public static Payment[] Payments() =>
    [
        new CardPayment { Id = 1, Amount = 10m, Pan = "5500000000000004" },
        new BankPayment { Id = 2, Amount = 20m, Iban = "GB82WEST12345698765432" },
    ];

    public static VendorRecord Vendor() => new() { Id = 9, Phone = "+44-20-7946-0958", TaxId = "GB999999973" };

    public static IEnumerable<object> AllClassified()
    {
        yield return Customer();
        yield return Customer().Address!;
        yield return Customer().Orders;
        yield return Employee();
        yield return Payments();
        yield return Vendor();
    }
}
