namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Turns signature verification off for a controller or action (for example a health probe), even when required by default.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class DisableSignatureAttribute : Attribute
{
}
