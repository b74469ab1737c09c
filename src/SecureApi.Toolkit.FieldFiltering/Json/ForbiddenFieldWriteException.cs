using System.Text.Json;

namespace SecureApi.Toolkit.FieldFiltering.Json;

/// <summary>
/// Stops reading a request body that sets a property the caller may not see. Its message is the same for every
/// property so that nothing downstream can echo which one it was.
/// </summary>
internal sealed class ForbiddenFieldWriteException : JsonException
{
    public ForbiddenFieldWriteException()
        : base("The request body sets a property the caller is not permitted to set.")
    {
    }
}
