using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Nuzantara.Services.Tests;

/// <summary>Spans leave in batches of 1,024 (fewer export windows on a busy core), and OTEL_BSP_* still decides when set.</summary>
public sealed class TraceExportBatchingTests
{
    [Fact]
    public async Task Spans_are_exported_in_batches_of_1024_from_a_queue_of_4096()
    {
        var batching = await BatchOptionsAsync(new Dictionary<string, string?>());

        Assert.Equal(1024, batching.MaxExportBatchSize);
        Assert.Equal(4096, batching.MaxQueueSize);
    }

    [Fact]
    public async Task OTEL_BSP_settings_override_the_defaults()
    {
        var batching = await BatchOptionsAsync(new Dictionary<string, string?> { ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "256" });

        Assert.Equal(256, batching.MaxExportBatchSize);
        Assert.Equal(2048, batching.MaxQueueSize);
    }

    private static async Task<BatchExportActivityProcessorOptions> BatchOptionsAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        return app.Services.GetRequiredService<IOptionsMonitor<ActivityExportProcessorOptions>>().Get(Options.DefaultName).BatchExportProcessorOptions;
    }
}
