using System.Net.Http.Headers;
using System.Text.Json;

namespace SecureApi.Sample.Tour;

/// <summary>A response the tour received, read completely so scenarios can inspect it freely.</summary>
internal sealed class TourResponse
{
    private const int SummaryBodyLength = 160;

    public TourResponse(int status, string? mediaType, string body, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
    {
        Status = status;
        MediaType = mediaType;
        Body = body;
        Headers = headers;
        ContentHeaders = contentHeaders;
    }

    public int Status { get; }

    /// <summary>Gets the Content-Type without parameters, for example <c>application/problem+json</c>.</summary>
    public string? MediaType { get; }

    public string Body { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    /// <summary>Gets the body parsed as JSON, or <see langword="null"/> when it is not JSON.</summary>
    public JsonElement? Json
    {
        get
        {
            try
            {
                return Body.Length == 0 ? null : JsonDocument.Parse(Body).RootElement;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Gets whether this is an RFC 9457 problem+json answer with <paramref name="status"/> in both the status line and the body.</summary>
    public bool IsProblem(int status) =>
        Status == status
        && MediaType == "application/problem+json"
        && Json is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty("status", out var bodyStatus)
        && bodyStatus.TryGetInt32(out var value)
        && value == status;

    /// <summary>Gets the status, media type and the start of the body, on one line.</summary>
    public string Summary
    {
        get
        {
            var body = Body.ReplaceLineEndings(" ");
            if (body.Length > SummaryBodyLength)
            {
                body = string.Concat(body.AsSpan(0, SummaryBodyLength), "…");
            }

            return $"{Status} {MediaType ?? "(no content type)"} {body}".TrimEnd();
        }
    }
}
