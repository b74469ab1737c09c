using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Http;

[ApiController]
[Route("mvc")]
public sealed class CustomersController : ControllerBase
{
    [HttpGet("customer")]
    public Customer Get() => SampleData.Customer();

    [HttpPost("customer")]
    public Customer Post(Customer customer) => customer;

    [HttpPost("signup")]
    public IActionResult Signup(SignupRequest request) => Ok(request);

    [HttpPost("contact")]
    public IActionResult Contact(ContactRequest request) => Ok(request);

    [HttpGet("unfiltered")]
    public JsonResult Unfiltered() => new(SampleData.Customer(), TestJsonContext.Default.Options);

    [HttpGet("own-options")]
    public JsonResult OwnOptions() => new(SampleData.Customer(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

public sealed class SignupRequest
{
    [Required]
    public string? Name { get; set; }

    [Required]
    [FieldPermission(Perms.Pii)]
    public string? TaxNumber { get; set; }
}

public sealed class ContactRequest
{
    [Required]
    [EmailAddress]
    public string? Email { get; set; }
}
