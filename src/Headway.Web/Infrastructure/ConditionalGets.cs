using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Conditional reads for the API: every successful JSON answer of a GET carries an ETag — the resource's version where
/// the endpoint gives one (an entitlement, a note), otherwise a digest of the answer's bytes — and a GET whose
/// <c>If-None-Match</c> names it is answered 304 Not Modified without a body, so a client that polls pays for nothing
/// that did not change. Answers are held back to compute the digest up to <see cref="MaxBufferedBytes"/>; a larger
/// answer, or one that is not JSON (exports), streams through as it is written, without an ETag.
/// </summary>
public static class ConditionalGets
{
    public const int MaxBufferedBytes = 1024 * 1024;

    public static IApplicationBuilder UseConditionalGets(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !RequestGuard.IsApi(context.Request))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var held = new HeldAnswer(context.Response, original);
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (held.Held is { } body)
        {
            await AnswerAsync(context, body);
        }
    });

    private static async Task AnswerAsync(HttpContext context, MemoryStream body)
    {
        var response = context.Response;
        if (response.Headers.ETag.Count == 0)
        {
            var digest = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
            response.Headers.ETag = "\"" + Base64UrlEncode(digest.AsSpan(0, 16)) + "\"";
        }

        if (Matches(context.Request.Headers.IfNoneMatch, response.Headers.ETag.ToString()))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.ContentType = default;
            return;
        }

        response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Whether If-None-Match names the ETag (weakly, as RFC 9110 compares for GET) or is <c>*</c>.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParse(etag, out var current)
            || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The answer's body, held while it is a successful JSON answer within the limit; otherwise written through to the
    /// connection from the moment that is known.
    /// </summary>
    private sealed class HeldAnswer(HttpResponse response, Stream connection) : Stream
    {
        private MemoryStream? _held;
        private bool _through;

        /// <summary>The whole body when it was held to the end; null when it went through or nothing was written.</summary>
        public MemoryStream? Held => _through ? null : _held;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_through)
            {
                await connection.WriteAsync(buffer, cancellationToken);
                return;
            }

            if (_held is null && !(response.StatusCode == StatusCodes.Status200OK && IsJson(response.ContentType)))
            {
                _through = true;
                await connection.WriteAsync(buffer, cancellationToken);
                return;
            }

            _held ??= new MemoryStream();
            if (_held.Length + buffer.Length > MaxBufferedBytes)
            {
                _through = true;
                await connection.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
                await connection.WriteAsync(buffer, cancellationToken);
                return;
            }

            _held.Write(buffer.Span);
        }

        public override void Flush()
        {
            if (_through)
            {
                connection.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => _through ? connection.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private static bool IsJson(string? contentType) =>
            MediaTypeHeaderValue.TryParse(contentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _held?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
