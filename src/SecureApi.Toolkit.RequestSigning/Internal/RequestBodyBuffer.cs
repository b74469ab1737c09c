using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Reads a signed request's body to the end into the request buffer (memory, then disk beyond 30 KB), so the digest
/// check and the endpoint can both read it, but never more than a bound. A body that is too large, too slow or broken
/// becomes a problem+json answer (413, 408, 400), never an exception that surfaces as a 500.
/// </summary>
internal static class RequestBodyBuffer
{
    public const string TooLargeReason = "request-body-too-large";
    public const string TimeoutReason = "request-body-timeout";
    public const string UnreadableReason = "request-body-unreadable";

    public static async ValueTask<RequestSignatureOutcome?> BufferAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return RequestSignatureOutcome.Body(StatusCodes.Status413PayloadTooLarge, TooLargeReason);
        }

        request.EnableBuffering();
        var body = request.Body;
        var start = body.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = start;
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return RequestSignatureOutcome.Body(StatusCodes.Status413PayloadTooLarge, TooLargeReason);
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits and timeouts (MaxRequestBodySize, MinRequestBodyDataRate) and malformed framing.
            return ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => RequestSignatureOutcome.Body(StatusCodes.Status413PayloadTooLarge, TooLargeReason),
                StatusCodes.Status408RequestTimeout => RequestSignatureOutcome.Body(StatusCodes.Status408RequestTimeout, TimeoutReason),
                _ => RequestSignatureOutcome.Body(StatusCodes.Status400BadRequest, UnreadableReason),
            };
        }
        catch (IOException)
        {
            return RequestSignatureOutcome.Body(StatusCodes.Status400BadRequest, UnreadableReason);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        body.Position = 0;
        return null;
    }
}
