namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// Prometheus remote-writes every sample to <see cref="Url"/> with basic auth. The password is read by Prometheus from
/// a 0600 file, <see cref="PasswordFile"/>, which the runtimes write from the setting <see cref="PasswordSetting"/>, so
/// prometheus.yml holds no secret.
/// </summary>
/// <param name="PasswordFile">The secret file's name, unique per remote write.</param>
public sealed record PrometheusRemoteWriteAnnotation(string Url, string Username, string PasswordSetting, string PasswordFile) : IResourceAnnotation;
