using System.Net.Http.Headers;
using System.Text;

namespace Nuzantara.Reliability.Tests.Fuzzing;

/// <summary>
/// Seeded generator of hostile HTTP requests: wrong methods, broken and hostile JSON, huge and deeply nested bodies,
/// invalid UTF-8, abusive headers, traversal and junk in paths and query strings. Hand-written because no fuzzing
/// library for HTTP APIs is on the package feed; the seed makes every failure reproducible.
/// </summary>
public sealed class MalformedRequests(int seed)
{
    private static readonly HttpMethod[] Methods =
        [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Options, new("PROPFIND"), new("TRACE")];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "application/x-protobuf", "multipart/form-data; boundary=x", "application/json; charset=bogus", "*/*", ""];

    private static readonly string[] PathJunk =
        ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%00", "/%ff%fe", "/" + new string('a', 5000), "/-1", "/0", "/99999999999999999999", "/00000000-0000-0000-0000-000000000000", "/%20", "/;", "/*", "//", "/\u00e9t\u00e9"];

    private static readonly string[] QueryJunk =
        ["limit=-1", "limit=abc", "limit=999999999999", "limit=1e9", "cursor=%ff", "cursor=../../", "q=" + new string('x', 10_000), "q=%00", "tag=%ZZ", "limit=&cursor=&q=", "q[]=1&q[]=2", "limit=1&limit=2"];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>A hostile variant of a request to <paramref name="route"/>, whose well-formed body would be <paramref name="validBody"/>.</summary>
    public HttpRequestMessage Next(string route, string? validBody)
    {
        var method = Pick(Methods);
        var path = _random.Next(4) == 0 ? route + Pick(PathJunk) : route;
        if (_random.Next(3) == 0)
        {
            path += (path.Contains('?') ? "&" : "?") + Pick(QueryJunk);
        }

        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options)
        {
            var content = new ByteArrayContent(Body(validBody));
            var contentType = Pick(ContentTypes);
            if (contentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Content = content;
        }

        AbuseHeaders(request);
        return request;
    }

    private byte[] Body(string? valid) => _random.Next(12) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes("{"),
        2 => Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)),
        3 => Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_001)),
        4 => [0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d], // {"title":"<invalid UTF-8>"}
        5 => Junk(_random.Next(1, 4096)),
        6 => Encoding.UTF8.GetBytes("{\"title\":\"" + new string('t', 300_000) + "\",\"body\":\"b\",\"tags\":[]}"),
        7 => Encoding.UTF8.GetBytes("{\"title\":123,\"body\":[],\"tags\":\"not-a-list\"}"),
        8 => Encoding.UTF8.GetBytes("{\"title\":null,\"body\":null,\"tags\":[null,1,{}]}"),
        9 => Encoding.UTF8.GetBytes("{\"tags\":[" + string.Join(',', Enumerable.Repeat("\"t\"", 50_000)) + "]}"),
        10 => Mutate(Encoding.UTF8.GetBytes(valid ?? "{}")),
        _ => Junk(2 * 1024 * 1024),
    };

    private byte[] Mutate(byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var i = 0; i < Math.Max(1, bytes.Length / 10); i++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private byte[] Junk(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private void AbuseHeaders(HttpRequestMessage request)
    {
        switch (_random.Next(6))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("If-Match", Pick(["\"", "*", "W/\"x\"", new string('"', 1000), "\"-1\""]));
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("traceparent", Pick(["00-zz-zz-01", "ff-" + new string('0', 32) + "-" + new string('0', 16) + "-01", new string('0', 8000)]));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("X-Junk", new string('h', 16_000));
                break;
            case 3:
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
                break;
            case 4:
                request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=abc, br;q=-1");
                break;
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
