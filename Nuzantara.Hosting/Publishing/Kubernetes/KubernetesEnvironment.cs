using k8s.Models;

namespace Nuzantara.Hosting.Publishing.Kubernetes;

/// <summary>
/// A workload's environment and arguments. Plain values go into its ConfigMap (<c>envFrom</c>). A value that is a
/// parameter reads the parameter's Secret (or ConfigMap); a value that contains one (a connection string) is composed
/// by Kubernetes' <c>$(VARIABLE)</c> expansion from a variable that reads it, so no secret is ever written here.
/// </summary>
internal sealed class KubernetesEnvironment
{
    /// <summary>The key of a parameter's value in its Secret or ConfigMap.</summary>
    public const string ParameterKey = "value";

    private readonly List<ParameterResource> _referenced = [];
    private readonly List<V1EnvVar> _composed = [];
    private readonly NetworkValueRenderer _expanded;
    private readonly NetworkValueRenderer _plain;

    public KubernetesEnvironment(DeploymentModel deployment)
    {
        // Kubernetes expands $(NAME) in env values and arguments; "$$(" keeps a literal "$(".
        _expanded = new NetworkValueRenderer(deployment, text => text.Replace("$(", "$$(", StringComparison.Ordinal), p =>
        {
            _referenced.Add(p);
            return $"$({Variable(p)})";
        });
        _plain = new NetworkValueRenderer(deployment, text => text, p => throw new InvalidOperationException($"Parameter '{p.Name}' cannot go into a ConfigMap."));
    }

    public Dictionary<string, string> ConfigMapData { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables that read parameters come first: expansion only sees variables defined before.</summary>
    public List<V1EnvVar> Variables => [.. _referenced.Distinct().Select(p => new V1EnvVar { Name = Variable(p), ValueFrom = Source(p) }), .. _composed];

    public void Add(string name, object value)
    {
        if (SingleParameter(value) is { } parameter)
        {
            _composed.Add(new V1EnvVar { Name = name, ValueFrom = Source(parameter) });
            return;
        }

        var before = _referenced.Count;
        var expanded = _expanded.Render(value);
        if (_referenced.Count > before)
        {
            _composed.Add(new V1EnvVar { Name = name, Value = expanded });
        }
        else
        {
            ConfigMapData[name] = _plain.Render(value);
        }
    }

    /// <summary>An argument, with parameters read through variables like composed values.</summary>
    public string Argument(object value) => _expanded.Render(value);

    /// <summary>The Secret (or ConfigMap) of a parameter, named after it.</summary>
    public static string ObjectName(ParameterResource parameter) => KubernetesNames.Label(parameter.Name);

    /// <summary>The variable through which composed values read a parameter, named as the AppHost's configuration names it.</summary>
    private static string Variable(ParameterResource parameter) => $"Parameters__{parameter.Name}";

    private static V1EnvVarSource Source(ParameterResource parameter) => parameter.Secret
        ? new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = ObjectName(parameter), Key = ParameterKey } }
        : new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = ObjectName(parameter), Key = ParameterKey } };

    private static ParameterResource? SingleParameter(object value) => value switch
    {
        ParameterResource parameter => parameter,
        ReferenceExpression { Format: "{0}", ValueProviders: [ParameterResource parameter] } => parameter,
        _ => null,
    };
}
