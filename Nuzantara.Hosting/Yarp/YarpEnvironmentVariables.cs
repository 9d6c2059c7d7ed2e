using System.Collections;
using System.Globalization;
using System.Reflection;
using Aspire.Hosting.Yarp;

namespace Nuzantara.Hosting.Yarp;

/// <summary>
/// A YARP resource's routes and clusters as the <c>REVERSEPROXY__…</c> variables Aspire gives its YARP container: each
/// set field of YARP's configuration records under its upper-cased name, dictionary keys as they are, list items by
/// index, the route and cluster ids as the keys (YARP refuses them as fields) and each cluster's destinations as
/// <c>destination1</c>, <c>destination2</c>, … The in-process proxy reads the same variables, so what runs is what is published.
/// <para>
/// Unlike Aspire, enums are written by name and time spans as <c>hh:mm:ss</c>, both as YARP's configuration reads them
/// (Aspire drops the former and writes the latter's every property).
/// </para>
/// </summary>
internal static class YarpEnvironmentVariables
{
    private const string Prefix = "REVERSEPROXY__";

    public static void Write(IDictionary<string, object> environment, YarpResource resource)
    {
        foreach (var route in resource.Routes.Select(r => r.RouteConfig))
        {
            Flatten(environment, route with { RouteId = null! }, $"{Prefix}ROUTES__{route.RouteId}");
        }

        foreach (var cluster in resource.Clusters)
        {
            var prefix = $"{Prefix}CLUSTERS__{cluster.ClusterConfig.ClusterId}";
            Flatten(environment, cluster.ClusterConfig with { ClusterId = null! }, prefix);
            for (var i = 0; i < cluster.Destinations.Length; i++)
            {
                environment[$"{prefix}__DESTINATIONS__destination{i + 1}__ADDRESS"] = cluster.Destinations[i] is Uri uri ? uri.ToString() : cluster.Destinations[i];
            }
        }
    }

    private static void Flatten(IDictionary<string, object> environment, object? value, string key)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                environment[key] = text;
                return;
            case Enum or Version:
                environment[key] = value.ToString()!;
                return;
            case TimeSpan span:
                environment[key] = span.ToString("c", CultureInfo.InvariantCulture);
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal:
                environment[key] = formattable.ToString(null, CultureInfo.InvariantCulture);
                return;
            case bool flag:
                environment[key] = flag.ToString();
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Flatten(environment, entry.Value, $"{key}__{entry.Key}");
                }

                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    Flatten(environment, item, $"{key}__{index++}");
                }

                return;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                {
                    Flatten(environment, property.GetValue(value), $"{key}__{property.Name.ToUpperInvariant()}");
                }

                return;
        }
    }
}
