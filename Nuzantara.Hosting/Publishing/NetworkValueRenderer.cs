using System.Globalization;
using System.Text;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// Writes model values for a deployment whose services reach each other on one container network (Compose,
/// Kubernetes): an endpoint is <c>&lt;name&gt;:&lt;target port&gt;</c>, a connection string is expanded from its
/// parts, and each format says how it escapes literal text and refers to a parameter it must not contain.
/// </summary>
internal sealed class NetworkValueRenderer(DeploymentModel deployment, Func<string, string> literal, Func<ParameterResource, string> parameter)
{
    public string Render(object value) => value switch
    {
        string text => literal(text),
        ReferenceExpression expression => Render(expression),
        EndpointReference endpoint => Render(endpoint.Property(EndpointProperty.Url)),
        EndpointReferenceExpression property => Render(property),
        ParameterResource resource => parameter(resource),
        IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression),
        _ => throw new DistributedApplicationException(
            $"A value of type {value.GetType().Name} cannot be published: use strings, parameters, endpoint references or connection strings."),
    };

    /// <summary><see cref="ReferenceExpression.Format"/> is literal text with <c>{{ }}</c> escapes and <c>{n}</c> for its n-th value.</summary>
    private string Render(ReferenceExpression expression)
    {
        var format = expression.Format;
        var result = new StringBuilder();
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] is '{' or '}' && i + 1 < format.Length && format[i + 1] == format[i])
            {
                text.Append(format[i++]);
            }
            else if (format[i] == '{')
            {
                var end = format.IndexOf('}', i);
                result.Append(literal(text.ToString())).Append(Render(expression.ValueProviders[int.Parse(format.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture)]));
                text.Clear();
                i = end;
            }
            else
            {
                text.Append(format[i]);
            }
        }

        return result.Append(literal(text.ToString())).ToString();
    }

    private string Render(EndpointReferenceExpression reference)
    {
        var host = DeploymentModel.HostName(reference.Endpoint.Resource);
        var endpoint = deployment[reference.Endpoint.Resource].Endpoint(reference.Endpoint.EndpointName);
        var port = endpoint.TargetPort.ToString(CultureInfo.InvariantCulture);
        return reference.Property switch
        {
            EndpointProperty.Url => $"{endpoint.Scheme}://{host}:{port}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            EndpointProperty.Scheme => endpoint.Scheme,
            EndpointProperty.HostAndPort => $"{host}:{port}",
            _ => throw new ArgumentOutOfRangeException(nameof(reference), reference.Property, "Unknown endpoint property."),
        };
    }
}
