namespace SecureApi.Toolkit.Pipeline;

/// <summary>
/// The parts registered by the packages, kept as one singleton instance in the service collection so that
/// every <c>AddSecureApi()</c> call sees the same list.
/// </summary>
internal sealed class SecureApiPipelineParts
{
    private readonly List<SecureApiPipelinePart> _parts = [];

    public void TryAdd(SecureApiPipelinePart part)
    {
        lock (_parts)
        {
            if (!_parts.Exists(p => p.Name == part.Name))
            {
                _parts.Add(part);
            }
        }
    }

    /// <summary>The parts in pipeline order; parts of one stage keep their registration order.</summary>
    public IReadOnlyList<SecureApiPipelinePart> Ordered()
    {
        lock (_parts)
        {
            return [.. _parts.OrderBy(p => p.Stage)];
        }
    }
}
