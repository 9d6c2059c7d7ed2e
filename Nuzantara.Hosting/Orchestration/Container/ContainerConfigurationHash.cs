using System.Security.Cryptography;
using System.Text.Json;
using Docker.DotNet.Models;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// What decides whether a persistent container can be reused: the SHA-256 of its whole create request (image, command,
/// environment, mounts, labels but this one) and of the image's id, so a rebuilt or re-pulled image under the same tag
/// counts as a change too. Kept in the <see cref="ContainerNames.ConfigurationHashLabel"/> label of the container.
/// </summary>
internal static class ContainerConfigurationHash
{
    public static string Compute(CreateContainerParameters parameters, string imageId)
    {
        var labels = parameters.Labels?.Where(l => l.Key != ContainerNames.ConfigurationHashLabel).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var request = JsonSerializer.SerializeToUtf8Bytes(new { parameters.Image, parameters.Entrypoint, parameters.Cmd, parameters.Env, parameters.User, parameters.HostConfig, Labels = labels, ImageId = imageId });
        return Convert.ToHexStringLower(SHA256.HashData(request));
    }
}
