using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

/// <summary>How an <see cref="InteractionInput"/> is asked for.</summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public enum InputType
{
    Text,
    SecretText,
    Choice,
    Boolean,
    Number,
}
