namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>One message the SMTP stand-in accepted, with the account it authenticated as (null without AUTH).</summary>
public sealed record EmailMessage(string From, IReadOnlyList<string> To, string Subject, string Body, string? User, DateTimeOffset ReceivedAt);
