namespace SecureApi.Toolkit.FieldFiltering.Tests.Models;

/// <summary>Stands for a type the app does not own: classified only through options.</summary>
public sealed class VendorRecord
{
    public int Id { get; set; }

    public string? Phone { get; set; }

    public string? TaxId { get; set; }
}
