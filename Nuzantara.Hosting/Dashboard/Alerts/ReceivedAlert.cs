namespace Nuzantara.Hosting.Dashboard.Alerts;

/// <summary>
/// One alert of one Alertmanager notification, as the inbox keeps it and <c>GET /api/alerts</c> returns it (camelCase).
/// A firing alert and its resolution are two entries with the same <see cref="Fingerprint"/>: the inbox is a history.
/// </summary>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="EndsAt">Null while Alertmanager does not know when it ends (it sends 0001-01-01 for that).</param>
/// <param name="Receiver">The Alertmanager receiver that delivered it (<c>default</c> for the inbox).</param>
internal sealed record ReceivedAlert(
    string AlertName,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string Receiver,
    string Fingerprint,
    DateTimeOffset ReceivedAt);
