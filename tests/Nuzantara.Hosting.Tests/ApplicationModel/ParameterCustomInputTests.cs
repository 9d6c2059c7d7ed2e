using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Secrets;

#pragma warning disable ASPIREINTERACTION001 // Aspire's users suppress it the same way: this proves such code compiles.

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>WithCustomInput: kept on the parameter; with no dashboard prompt here, the input names and describes a missing value.</summary>
public sealed class ParameterCustomInputTests
{
    [Fact]
    public async Task A_missing_value_error_quotes_the_custom_inputs_label_and_description()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var region = builder.AddParameter("region").WithDescription("Plain description, replaced by the input's").WithCustomInput(parameter => new InteractionInput
        {
            Name = parameter.Name,
            InputType = InputType.Choice,
            Label = "Deployment region",
            Description = "The Azure region the app is deployed to",
            Options = [new("westeurope", "West Europe"), new("eastus", "East US")],
            Required = true,
        });
        var options = new HostingOptions { SecretsPath = Path.Combine(builder.StateDirectory, "secrets.json") };

        var error = Assert.Throws<DistributedApplicationException>(() => new ParameterStore(options, builder.Configuration).Resolve([region.Resource]));

        Assert.StartsWith("Parameter 'region' (\"Deployment region\") has no value (The Azure region the app is deployed to).", error.Message);
        Assert.Contains("Parameters:region", error.Message);
        var generator = Assert.Single(region.Resource.Annotations.OfType<InputGeneratorAnnotation>());
        Assert.Equal(InputType.Choice, generator.InputGenerator(region.Resource).InputType);
    }

    [Fact]
    public async Task An_input_without_description_leaves_the_parameters_own()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var key = builder.AddParameter("api-key", secret: true).WithDescription("The key of the weather service")
            .WithCustomInput(parameter => new InteractionInput { Name = parameter.Name, InputType = InputType.SecretText, Label = parameter.Name });
        var options = new HostingOptions { SecretsPath = Path.Combine(builder.StateDirectory, "secrets.json") };

        var error = Assert.Throws<DistributedApplicationException>(() => new ParameterStore(options, builder.Configuration).Resolve([key.Resource]));

        Assert.StartsWith("Parameter 'api-key' has no value (The key of the weather service).", error.Message);
    }

    [Fact]
    public void Inputs_are_found_by_name_and_names_are_unique()
    {
        var inputs = new InteractionInputCollection([
            new InteractionInput { Name = "Region", InputType = InputType.Text },
            new InteractionInput { Name = "Size", InputType = InputType.Number },
        ]);

        Assert.Equal(InputType.Number, inputs["size"].InputType);
        Assert.Equal(["Region", "Size"], inputs.Names);
        Assert.False(inputs.TryGetByName("Zone", out _));
        Assert.Throws<ArgumentException>(() => new InteractionInputCollection([inputs[0], inputs[0]]));
    }
}
