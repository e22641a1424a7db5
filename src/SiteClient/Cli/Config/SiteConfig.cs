namespace EventHub.SiteClient.Cli.Config;

/// <summary>What <c>login</c> remembers so later commands need no flags.</summary>
public sealed record SiteConfig(string Hub, string Token, long ExpiresAt, string Role, string? Site, string Name);
