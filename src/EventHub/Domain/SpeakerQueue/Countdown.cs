namespace EventHub.Domain.SpeakerQueue;

public enum CountdownPhase
{
    /// <summary>Plenty of time left.</summary>
    Running,
    /// <summary>The last <see cref="Countdown.WarningMs"/>: displays turn amber.</summary>
    Warning,
    /// <summary>Past zero: displays count up in red.</summary>
    Overtime,
}

/// <summary>
/// How a client shows the remaining time. Nothing is broadcast per second: every client computes the number from
/// <see cref="Speech"/> and its own clock, and the phase from the number.
/// </summary>
public static class Countdown
{
    public const long WarningMs = 30_000;

    public static CountdownPhase Phase(long remainingMs) => remainingMs switch
    {
        < 0 => CountdownPhase.Overtime,
        < WarningMs => CountdownPhase.Warning,
        _ => CountdownPhase.Running,
    };
}
