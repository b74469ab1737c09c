namespace SecureApi.Toolkit.HttpSignatures.Tests;

/// <summary>Turns an HTTP/1.1 message as printed in the RFC into an <see cref="InMemoryHttpMessage"/>.</summary>
internal static class HttpText
{
    public static InMemoryHttpMessage Parse(string text, HttpSignatureMessage? request = null, string scheme = "https")
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = lines[0].Split(' ');
        InMemoryHttpMessage message;
        var headerLines = lines.Skip(1).TakeWhile(l => l.Length > 0).ToList();
        if (start[0].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            message = InMemoryHttpMessage.CreateResponse(int.Parse(start[1], System.Globalization.CultureInfo.InvariantCulture), request);
        }
        else
        {
            var host = headerLines.First(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))[5..].Trim();
            message = InMemoryHttpMessage.CreateRequest(start[0], scheme, host, start[1]);
        }

        foreach (var line in headerLines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            message.AddField(line[..colon], line[(colon + 1)..]);
        }

        return message;
    }

    public static string Body(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var index = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        return index < 0 ? string.Empty : normalized[(index + 2)..].Trim('\n');
    }
}
