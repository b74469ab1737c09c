using SecureApi.Sample.Data;
using SecureApi.Toolkit;
using SecureApi.Toolkit.FieldFiltering;

namespace SecureApi.Sample.Features;

/// <summary>
/// Field filtering (OWASP API3:2023): the sample's customers and orders are records the API "does not own", so
/// their sensitive members are declared in options rather than with attributes. Anonymous callers and callers
/// without the permissions get masked or removed fields; a request body may not set staff-only fields; and
/// <c>?fields=</c> can only narrow a response.
/// </summary>
internal static class FieldFilteringSample
{
    public const string PiiRead = "customers.pii.read";
    public const string PaymentsRead = "payments.read";
    public const string FinanceRead = "customers.finance.read";
    public const string NotesRead = "customers.notes.read";
    public const string NotesWrite = "customers.notes.write";

    public static void AddFieldFiltering(SecureApiBuilder api)
    {
        api.AddFieldFiltering(o =>
        {
            o.ForbiddenWrites = ForbiddenWriteHandling.Reject;
            o.EnableFieldSelection = true;
            o.Classify<Customer>(c => c.Email, new FieldPermissionAttribute(PiiRead) { Action = FieldAction.Mask, Mask = FieldMask.Email })
                .Classify<Customer>(c => c.CardNumber, new FieldPermissionAttribute(PaymentsRead) { Action = FieldAction.Mask, Mask = FieldMask.KeepLast, KeepLast = 4 })
                .Classify<Customer>(c => c.CreditLimit, new FieldPermissionAttribute(FinanceRead))
                .Classify<Customer>(c => c.InternalNotes, new FieldPermissionAttribute(NotesRead))
                .Classify<Order>(c => c.InternalNotes, new FieldPermissionAttribute(NotesRead))
                .Classify<NewCustomer>(c => c.InternalNotes, new FieldPermissionAttribute(NotesWrite))
                .Classify<NewOrder>(c => c.InternalNotes, new FieldPermissionAttribute(NotesWrite));
        });
    }
}
