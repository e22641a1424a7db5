namespace EventHub.Storage;

static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Cut {Bytes} bytes of an unterminated last line from {Path}: a write interrupted by a crash, never acknowledged")]
    public static partial void TornTailCut(ILogger logger, string path, long bytes);
}
