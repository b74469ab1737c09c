using System.Text.Json;
using System.Text.Json.Serialization;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Json;

public class FieldFilteringModifierTests
{
    private static readonly JsonSerializerOptions Options = Filtering.JsonOptions();

    [Fact]
    public void Serialize_NoPermissions_RemovesNullsAndMasksNestedObjects()
    {
        var json = Filtering.As(Options, SampleData.Customer());

        Assert.Equal(
            """{"id":7,"name":"Ada","email":"a***@example.com","cardNumber":"****4444","birthday":null,"riskScore":"****","address":{"country":"UK"},"orders":[{"id":1},{"id":2}]}""",
            json);
    }

    [Fact]
    public void Serialize_PiiOnly_ShowsPiiAndNestedClassLevelMembers()
    {
        var json = Filtering.As(Options, SampleData.Customer(), Perms.Pii);

        Assert.Equal(
            """{"id":7,"name":"Ada","email":"ada.lovelace@example.com","ssn":"078-05-1120","cardNumber":"****4444","birthday":"1815-12-10","riskScore":"****","address":{"street":"12 Secret Lane","city":"Hiddenville","country":"UK"},"orders":[{"id":1},{"id":2}]}""",
            json);
    }

    [Fact]
    public void Serialize_FinanceAndPayments_ShowsValueTypesAndClearCard()
    {
        var json = Filtering.As(Options, SampleData.Customer(), Perms.Finance, Perms.Payments, Perms.Risk);

        Assert.Equal(
            """{"id":7,"name":"Ada","email":"a***@example.com","cardNumber":"4111222233334444","creditLimit":987654.32,"birthday":null,"riskScore":8642,"loyaltyPoints":13579,"address":{"country":"UK"},"orders":[{"id":1},{"id":2}]}""",
            json);
    }

    [Fact]
    public void Serialize_Collections_AnyOfAndAllOf()
    {
        var orders = SampleData.Customer().Orders;

        Assert.Equal("""[{"id":1,"notes":"deliver-to-back-door"},{"id":2,"notes":"gift-wrap-please"}]""", Filtering.As(Options, orders, Perms.Support));
        Assert.Equal("""[{"id":1,"notes":"deliver-to-back-door"},{"id":2,"notes":"gift-wrap-please"}]""", Filtering.As(Options, orders, Perms.OrdersRead));
        Assert.Equal("""[{"id":1,"total":4321.09},{"id":2,"total":5432.10}]""", Filtering.As(Options, orders, Perms.OrdersFinance));
        Assert.Equal("""[{"id":1,"total":4321.09,"margin":0.4242},{"id":2,"total":5432.10,"margin":null}]""", Filtering.As(Options, orders, Perms.OrdersFinance, Perms.Audit));
    }

    [Fact]
    public void Serialize_NullValues_StayNullWhateverTheMask()
    {
        var customer = new Customer { Id = 1, Name = "N", Email = null, CardNumber = null, Birthday = null };

        var json = Filtering.As(Options, customer);

        Assert.Equal("""{"id":1,"name":"N","email":null,"cardNumber":null,"birthday":null,"riskScore":"****","address":null,"orders":[]}""", json);
    }

    [Fact]
    public void Serialize_Record_ParameterAndPropertyDeclarations()
    {
        Assert.Equal("""{"id":3,"name":"Grace","nationalId":"k1:""" + Pseudonym("AB123456C") + "\"}", Filtering.As(Options, SampleData.Employee()));
        Assert.Equal("""{"id":3,"name":"Grace","salary":123456.78,"nationalId":"AB123456C"}""", Filtering.As(Options, SampleData.Employee(), Perms.Hr));
    }

    [Fact]
    public void Serialize_Polymorphic_FiltersEachDerivedType()
    {
        Assert.Equal(
            """[{"$type":"card","pan":"****0004","id":1,"amount":10},{"$type":"bank","id":2,"amount":20}]""",
            Filtering.As(Options, SampleData.Payments()));
        Assert.Equal(
            """[{"$type":"card","pan":"5500000000000004","id":1,"amount":10},{"$type":"bank","iban":"GB82WEST12345698765432","id":2,"amount":20}]""",
            Filtering.As(Options, SampleData.Payments(), Perms.Payments));
    }

    [Fact]
    public void Serialize_ObjectTypedValue_FiltersByRuntimeType()
    {
        object boxed = SampleData.Vendor();

        Assert.Equal("""{"id":9,"phone":"****58"}""", Filtering.As(Options, boxed));
    }

    [Fact]
    public void Serialize_OptionsDeclaredType_ClassLevelAndMemberRules()
    {
        Assert.Equal("""{"id":9,"phone":"****58"}""", Filtering.As(Options, SampleData.Vendor()));
        Assert.Equal("""{"id":9,"phone":"+44-20-7946-0958","taxId":"GB999999973"}""", Filtering.As(Options, SampleData.Vendor(), Perms.Vendors));
    }

    [Fact]
    public void Serialize_NoScope_FailsClosed()
    {
        var json = JsonSerializer.Serialize(SampleData.Customer(), Options);

        Assert.Equal(Filtering.As(Options, SampleData.Customer()), json);
        Assert.DoesNotContain("078-05-1120", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_DefaultIgnoreWhenWritingNull_StillAppliesToClassifiedProperties()
    {
        var options = new JsonSerializerOptions(Filtering.JsonOptions()) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        var customer = new Customer { Id = 1, Name = "N", Ssn = null, LoyaltyPoints = null };

        var json = Filtering.As(options, customer, Perms.Pii, Perms.Finance);

        Assert.Equal("""{"id":1,"name":"N","creditLimit":0,"riskScore":"****","orders":[]}""", json);
    }

    [Fact]
    public void Serialize_MemberIgnoreConditions_StillApplyAfterTheFilter()
    {
        Assert.Equal("{}", Filtering.As(Options, new IgnoreConditions(), Perms.Pii, Perms.Finance));
        Assert.Equal("""{"nickname":"Ada","score":3}""", Filtering.As(Options, new IgnoreConditions { Nickname = "Ada", Score = 3 }, Perms.Pii, Perms.Finance));
        Assert.Equal("{}", Filtering.As(Options, new IgnoreConditions { Nickname = "Ada", Score = 3 }));
    }

    [Fact]
    public void Serialize_SamePermissionsTwice_GivesSameShape()
    {
        var first = Filtering.As(Options, SampleData.Customer(), Perms.Pii);
        var other = Filtering.As(Options, SampleData.Customer(), Perms.Finance);
        var second = Filtering.As(Options, SampleData.Customer(), Perms.Pii);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    // Room for a few bytes of per-call overhead, well under the 960 that 40 boxed values would add.
    private const int Tolerance = 256;

    [Fact]
    public void Serialize_ValueTypeProperties_AreNotBoxed()
    {
        var plain = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var numbers = Enumerable.Range(0, 50).Select(i => new Order { Id = i, Total = i, Margin = i }).ToArray();

        // The baseline writes exactly what the filter lets through ("notes" and "margin" need more than orders.finance),
        // so the only extra the filtered run may allocate is its small fixed per-call overhead, not per-value boxes.
        var visible = numbers.Select(o => new VisibleOrder { Id = o.Id, Total = o.Total }).ToArray();
        using (FieldFilterScope.Enter(new FieldFilterScope(new HashSet<string> { Perms.OrdersFinance })))
        {
            _ = JsonSerializer.SerializeToUtf8Bytes(numbers, Options);
            _ = JsonSerializer.SerializeToUtf8Bytes(visible, plain);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var filteredBytes = JsonSerializer.SerializeToUtf8Bytes(numbers, Options);
            var filtered = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            var plainBytes = JsonSerializer.SerializeToUtf8Bytes(visible, plain);
            var baseline = GC.GetAllocatedBytesForCurrentThread() - before;

            // 40 boxed values (24 bytes for an int, 32 for a decimal) would add at least 960 bytes.
            Assert.Equal(plainBytes, filteredBytes);
            Assert.True(filtered <= baseline + Tolerance, $"filtered allocated {filtered} bytes, plain {baseline}");
        }
    }

    [Fact]
    public void TypedShouldSerialize_IsAvailableOnThisRuntime()
    {
        Assert.True(SecureApi.Toolkit.FieldFiltering.Json.TypedShouldSerialize.IsTyped);
    }

    private sealed class VisibleOrder
    {
        public int Id { get; set; }

        public decimal Total { get; set; }
    }

    internal static string Pseudonym(string value)
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Filtering.PseudonymKey, System.Text.Encoding.UTF8.GetBytes(value));
        return System.Buffers.Text.Base64Url.EncodeToString(mac.AsSpan(0, 16));
    }
}
