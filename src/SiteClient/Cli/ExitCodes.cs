namespace EventHub.SiteClient.Cli;

/// <summary>What scripts at a bridge point can rely on; docs/cli.md lists the same table.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
}
