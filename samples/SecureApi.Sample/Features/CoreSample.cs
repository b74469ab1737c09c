using System.Net.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.Sample.Data;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Sample.Features;

/// <summary>
/// The API being protected: customers and orders, each with an owner and sensitive fields, kept in memory.
/// The endpoints are plain minimal APIs; the SecureApi packages add their protection around them.
/// </summary>
internal static class CoreSample
{
    public static void AddCore(SecureApiBuilder api, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        api.Services.TryAddSingleton<SampleRepository>();
    }

    public static void MapCore(WebApplication app)
    {
        var customers = app.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/", (SampleRepository data) => TypedResults.Ok(data.Customers()));
        customers.MapGet("/{id:int}", GetCustomer);
        customers.MapGet("/{id:int}/orders", GetCustomerOrders);
        customers.MapPost("/", CreateCustomer);

        var orders = app.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("/", (SampleRepository data) => TypedResults.Ok(data.Orders()));
        orders.MapGet("/{id:int}", GetOrder);
        orders.MapPost("/", CreateOrder);
    }

    private static IResult GetCustomer(int id, SampleRepository data, HttpContext context) =>
        data.FindCustomer(id) is { } customer ? TypedResults.Ok(customer) : NotFound(context, "customer", id);

    private static IResult GetCustomerOrders(int id, SampleRepository data, HttpContext context) =>
        data.FindCustomer(id) is null ? NotFound(context, "customer", id) : TypedResults.Ok(data.OrdersOf(id));

    private static IResult GetOrder(int id, SampleRepository data, HttpContext context) =>
        data.FindOrder(id) is { } order ? TypedResults.Ok(order) : NotFound(context, "order", id);

    private static IResult CreateCustomer(NewCustomer body, SampleRepository data, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (string.IsNullOrWhiteSpace(body.Email) || !MailAddress.TryCreate(body.Email, out _))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        if (body.CardNumber is { } card && (card.Length is < 12 or > 19 || !card.All(char.IsAsciiDigit)))
        {
            errors["cardNumber"] = ["A card number has 12 to 19 digits."];
        }

        if (body.CreditLimit is < 0)
        {
            errors["creditLimit"] = ["The credit limit cannot be negative."];
        }

        if (errors.Count > 0)
        {
            return Invalid(context, errors);
        }

        var customer = data.AddCustomer(
            context.GetApiCaller().Id, body.Name!.Trim(), body.Email!.Trim(), body.CardNumber ?? string.Empty, body.CreditLimit ?? 0m, body.InternalNotes ?? string.Empty);
        return TypedResults.Created($"/customers/{customer.Id}", customer);
    }

    private static IResult CreateOrder(NewOrder body, SampleRepository data, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.CustomerId is not { } customerId || data.FindCustomer(customerId) is null)
        {
            errors["customerId"] = ["An existing customer id is required."];
        }

        if (body.Lines is not { Count: > 0 } lines || lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity < 1 || l.UnitPrice < 0))
        {
            errors["lines"] = ["At least one line with a SKU, a quantity of 1 or more and a non-negative unit price is required."];
        }

        if (errors.Count > 0)
        {
            return Invalid(context, errors);
        }

        var order = data.AddOrder(context.GetApiCaller().Id, body.CustomerId!.Value, body.Lines!, body.InternalNotes ?? string.Empty);
        return TypedResults.Created($"/orders/{order.Id}", order);
    }

    private static IResult NotFound(HttpContext context, string kind, int id)
    {
        // Id probing is what enumeration attacks look like; the anomaly detector counts these.
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.NotFound, kind + "-not-found", ResourceId: kind + "/" + id));
        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"The {kind} does not exist.", detail: $"There is no {kind} with id {id}.");
    }

    private static IResult Invalid(HttpContext context, Dictionary<string, string[]> errors)
    {
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.BadRequest, "validation-failed"));
        return TypedResults.ValidationProblem(errors);
    }
}
