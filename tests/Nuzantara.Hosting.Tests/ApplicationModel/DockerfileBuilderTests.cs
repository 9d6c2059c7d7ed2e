using System.Text;
using Aspire.Hosting.ApplicationModel.Docker;
using Aspire.Hosting.Testing;

#pragma warning disable ASPIREDOCKERFILEBUILDER001 // Aspire's users suppress it the same way (playground withdockerfile).

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>The Dockerfile that WithDockerfileBuilder's <see cref="DockerfileBuilder"/> writes, and the image names a callback builds on.</summary>
public sealed class DockerfileBuilderTests
{
    [Fact]
    public async Task Global_arguments_stages_and_every_instruction_are_written_as_Aspire_writes_them()
    {
        var builder = new DockerfileBuilder();
        builder.Arg("NODE_VERSION", "22");
        builder.From("node:${NODE_VERSION}", "build")
            .WorkDir("/app")
            .Copy("package*.json", "./")
            .RunWithMounts("npm ci", "type=cache,target=/root/.npm")
            .Copy(".", ".", "node:node")
            .Run("npm run build")
            .Comment("two\nlines");
        builder.From("nginx:alpine")
            .Arg("PORT")
            .CopyFrom("build", "/app/dist", "/usr/share/nginx/html")
            .CopyFrom("build", "/app/conf", "/etc/nginx/conf.d", "101:101")
            .Env("PORT", "80")
            .Expose(80)
            .User("nginx")
            .EmptyLine()
            .Cmd(["nginx", "-g", "daemon off;"])
            .Entrypoint(["/docker-entrypoint.sh"]);

        // What Aspire.Hosting 13.6.5's DockerfileBuilder writes for the same calls, taken from the package.
        Assert.Equal(
            "ARG NODE_VERSION=22\n\nFROM node:${NODE_VERSION} AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n" +
            "COPY --chown=node:node . .\nRUN npm run build\n# two\n# lines\n\nFROM nginx:alpine\nARG PORT\nCOPY --from=build /app/dist /usr/share/nginx/html\n" +
            "COPY --from=build --chown=101:101 /app/conf /etc/nginx/conf.d\nENV PORT=80\nEXPOSE 80\nUSER nginx\n\nCMD [\"nginx\",\"-g\",\"daemon off;\"]\n" +
            "ENTRYPOINT [\"/docker-entrypoint.sh\"]\n",
            await WriteAsync(builder));
        Assert.Equal(["build", null], builder.Stages.Select(s => s.StageName));
    }

    [Fact]
    public void An_exec_form_needs_a_program()
    {
        var stage = new DockerfileBuilder().From("debian:bookworm-slim");

        Assert.Throws<ArgumentException>(() => stage.Cmd([]));
        Assert.Throws<ArgumentException>(() => stage.Entrypoint([]));
    }

    [Fact]
    public void A_resource_built_on_its_own_image_names_that_image_and_its_build_apart()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var cache = builder.AddRedis("cache").WithDockerfileBuilder(".", context => context.Builder.From("scratch"));
        var redisImage = cache.Resource.OfAnnotation<ContainerImageAnnotation>().Single().FullName;

        Assert.True(cache.Resource.TryGetContainerImageName(useBuiltImage: false, out var baseImage));
        Assert.True(cache.Resource.TryGetContainerImageName(out var builtImage));

        Assert.Equal(redisImage, baseImage);
        Assert.StartsWith("cache:", builtImage, StringComparison.Ordinal);
        Assert.NotEqual(redisImage, builtImage);
    }

    private static async Task<string> WriteAsync(DockerfileBuilder builder)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            await builder.WriteAsync(writer, TestContext.Current.CancellationToken);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
