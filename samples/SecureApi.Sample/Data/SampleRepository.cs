using System.Collections.Concurrent;

namespace SecureApi.Sample.Data;

/// <summary>
/// The sample's in-memory data, seeded with a few customers and orders. Thread-safe; one instance per app.
/// </summary>
internal sealed class SampleRepository
{
    private static readonly DateTimeOffset SeededAt = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<int, Customer> _customers = new();
    private readonly ConcurrentDictionary<int, Order> _orders = new();
    private readonly TimeProvider _time;
    private int _lastCustomerId = 1000;
    private int _lastOrderId = 5000;

    public SampleRepository(TimeProvider time)
    {
        _time = time;
        Seed();
    }

    public IReadOnlyList<Customer> Customers() => [.. _customers.Values.OrderBy(c => c.Id)];

    public Customer? FindCustomer(int id) => _customers.GetValueOrDefault(id);

    public IReadOnlyList<Order> Orders() => [.. _orders.Values.OrderBy(o => o.Id)];

    public IReadOnlyList<Order> OrdersOf(int customerId) => [.. _orders.Values.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id)];

    public Order? FindOrder(int id) => _orders.GetValueOrDefault(id);

    public Customer AddCustomer(string ownerId, string name, string email, string cardNumber, decimal creditLimit, string internalNotes)
    {
        var customer = new Customer(Interlocked.Increment(ref _lastCustomerId), ownerId, name, email, cardNumber, creditLimit, internalNotes, _time.GetUtcNow());
        _customers[customer.Id] = customer;
        return customer;
    }

    public Order AddOrder(string ownerId, int customerId, IReadOnlyList<OrderLine> lines, string internalNotes)
    {
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        var order = new Order(Interlocked.Increment(ref _lastOrderId), customerId, ownerId, lines, total, "placed", internalNotes, _time.GetUtcNow());
        _orders[order.Id] = order;
        return order;
    }

    private void Seed()
    {
        // Test card numbers from the card networks' published test ranges; never real data in a sample.
        Add(new Customer(1001, "sub:alice", "Contoso Ltd", "billing@contoso.example", "4111111111111111", 50_000m, "Key account; renewal talks in Q3.", SeededAt));
        Add(new Customer(1002, "sub:alice", "Fabrikam GmbH", "accounts@fabrikam.example", "5555555555554444", 12_500m, "Paid late twice in 2025.", SeededAt));
        Add(new Customer(1003, "sub:bob", "Northwind Traders", "ap@northwind.example", "378282246310005", 8_000m, "Asked for a discount; declined.", SeededAt));
        _lastCustomerId = 1003;

        Add(new Order(5001, 1001, "sub:alice", [new OrderLine("WIDGET-S", 40, 2.50m), new OrderLine("GADGET-XL", 2, 149.00m)], 398.00m, "shipped", "Ship from the Leeds depot.", SeededAt));
        Add(new Order(5002, 1002, "sub:alice", [new OrderLine("WIDGET-M", 10, 4.75m)], 47.50m, "placed", "Hold until the overdue invoice is paid.", SeededAt));
        Add(new Order(5003, 1003, "sub:bob", [new OrderLine("GADGET-S", 3, 39.90m)], 119.70m, "placed", "Gift wrap requested.", SeededAt));
        _lastOrderId = 5003;
    }

    private void Add(Customer customer) => _customers[customer.Id] = customer;

    private void Add(Order order) => _orders[order.Id] = order;
}
