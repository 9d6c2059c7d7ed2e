using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Nuzantara.Hosting.Dashboard.Otlp;

/// <summary>The <c>x-otlp-api-key</c> the AppHost generates and injects into every resource, as Aspire's dashboard requires.</summary>
internal sealed class OtlpApiKey(string key)
{
    public const string HeaderName = "x-otlp-api-key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public bool IsValid(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}

/// <summary>Refuses gRPC exports without the key before anything is parsed or stored.</summary>
internal sealed class OtlpApiKeyInterceptor(OtlpApiKey apiKey) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!apiKey.IsValid(context.RequestHeaders.GetValue(OtlpApiKey.HeaderName)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"A valid {OtlpApiKey.HeaderName} header is required."));
        }

        return continuation(request, context);
    }
}
