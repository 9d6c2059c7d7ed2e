namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>One notification of Alertmanager's webhook (the heartbeat's), with the names of the alerts it carried.</summary>
public sealed record WebhookCall(string Path, IReadOnlyList<string> AlertNames, DateTimeOffset ReceivedAt);
