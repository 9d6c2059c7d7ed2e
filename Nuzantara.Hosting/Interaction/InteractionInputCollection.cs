using System.Collections;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

/// <summary>Inputs in order, also found by name.</summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
[DebuggerDisplay("Count = {Count}")]
public sealed class InteractionInputCollection : IReadOnlyList<InteractionInput>
{
    private readonly IReadOnlyList<InteractionInput> _inputs;
    private readonly Dictionary<string, InteractionInput> _byName;

    public InteractionInputCollection(IReadOnlyList<InteractionInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _byName = new Dictionary<string, InteractionInput>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            if (!_byName.TryAdd(input.Name, input))
            {
                throw new ArgumentException($"Two inputs are named '{input.Name}': input names must be unique.", nameof(inputs));
            }
        }

        _inputs = inputs;
    }

    public int Count => _inputs.Count;

    public InteractionInput this[int index] => _inputs[index];

    public InteractionInput this[string name] => _byName.TryGetValue(name, out var input)
        ? input
        : throw new KeyNotFoundException($"No input is named '{name}'.");

    public IEnumerable<string> Names => _inputs.Select(i => i.Name);

    public bool ContainsName(string name) => _byName.ContainsKey(name);

    public bool TryGetByName(string name, out InteractionInput? input) => _byName.TryGetValue(name, out input);

    public IEnumerator<InteractionInput> GetEnumerator() => _inputs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
