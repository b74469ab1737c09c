using System.Text.Json;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Json;

/// <summary>The write side: request bodies cannot set what the caller may not see (mass assignment).</summary>
public class FieldAccessTests
{
    private const string Body = """{"id":1,"name":"N","ssn":"999-99-9999","creditLimit":1000000,"email":"evil@example.com","address":{"street":"x","country":"FR"}}""";

    [Fact]
    public void Deserialize_IgnoreMode_DropsForbiddenPropertiesAndNotesTheAttempt()
    {
        var options = Filtering.JsonOptions();
        var scope = new FieldFilterScope(new HashSet<string>());
        Customer? customer;
        using (FieldFilterScope.Enter(scope))
        {
            customer = JsonSerializer.Deserialize<Customer>(Body, options);
        }

        Assert.NotNull(customer);
        Assert.Equal("N", customer.Name);
        Assert.Null(customer.Ssn);
        Assert.Equal(0m, customer.CreditLimit);
        Assert.Null(customer.Email);
        Assert.Null(customer.Address!.Street);
        Assert.Equal("FR", customer.Address.Country);
        Assert.True(scope.ForbiddenWriteAttempted);
    }

    [Fact]
    public void Deserialize_PermittedCaller_SetsEverything()
    {
        var scope = new FieldFilterScope(new HashSet<string> { Perms.Pii, Perms.Finance });
        Customer? customer;
        using (FieldFilterScope.Enter(scope))
        {
            customer = JsonSerializer.Deserialize<Customer>(Body, Filtering.JsonOptions());
        }

        Assert.Equal("999-99-9999", customer!.Ssn);
        Assert.Equal(1000000m, customer.CreditLimit);
        Assert.Equal("evil@example.com", customer.Email);
        Assert.Equal("x", customer.Address!.Street);
        Assert.False(scope.ForbiddenWriteAttempted);
    }

    [Fact]
    public void Deserialize_RejectMode_ThrowsWithoutNamingTheProperty()
    {
        var options = Filtering.JsonOptions(o => o.ForbiddenWrites = ForbiddenWriteHandling.Reject);

        var error = Assert.ThrowsAny<JsonException>(() => Filtering.ReadAs<Customer>(options, """{"id":1,"ssn":"999-99-9999"}"""));

        Assert.DoesNotContain("999-99-9999", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("The request body sets a property the caller is not permitted to set.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RecordConstructorParameters_AreGuardedToo()
    {
        var options = Filtering.JsonOptions();
        const string json = """{"id":3,"name":"G","salary":999999,"nationalId":"ZZ000000Z"}""";

        var denied = Filtering.ReadAs<Employee>(options, json);
        var allowed = Filtering.ReadAs<Employee>(options, json, Perms.Hr);

        Assert.Equal(new Employee(3, "G", 0m, null), denied);
        Assert.Equal(new Employee(3, "G", 999999m, "ZZ000000Z"), allowed);
    }

    [Fact]
    public void Deserialize_RecordInRejectMode_Throws()
    {
        var options = Filtering.JsonOptions(o => o.ForbiddenWrites = ForbiddenWriteHandling.Reject);

        Assert.ThrowsAny<JsonException>(() => Filtering.ReadAs<Employee>(options, """{"id":3,"name":"G","salary":1}"""));
    }

    [Fact]
    public void Deserialize_NoScope_FailsClosed()
    {
        var customer = JsonSerializer.Deserialize<Customer>(Body, Filtering.JsonOptions());

        Assert.Null(customer!.Ssn);
        Assert.Equal(0m, customer.CreditLimit);
    }
}
