using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>Wraps a request body: counts the reads that reach it, and optionally fails after some bytes.</summary>
internal sealed class RecordingBodyStream(Stream inner, int failAfter = -1, Func<Exception>? failure = null) : Stream
{
    private int _delivered;

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Reads++;
        if (failAfter >= 0 && _delivered >= failAfter)
        {
            throw failure!();
        }

        var limit = failAfter >= 0 ? Math.Min(buffer.Length, failAfter - _delivered) : buffer.Length;
        var read = await inner.ReadAsync(buffer[..limit], cancellationToken);
        _delivered += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Replaces the request body of every request with a recording stream and keeps the last one.</summary>
    public static Func<RecordingBodyStream?> Install(Microsoft.AspNetCore.Builder.WebApplication app, int failAfter = -1, Func<Exception>? failure = null)
    {
        RecordingBodyStream? last = null;
        ((Microsoft.AspNetCore.Builder.IApplicationBuilder)app).Use(next => async context =>
        {
            last = new RecordingBodyStream(context.Request.Body, failAfter, failure);
            context.Request.Body = last;
            await next(context);
        });
        return () => last;
    }
}
