using System.Text.Json;

namespace EventHub.SiteClient.Cli.Config;

/// <summary>
/// The per-user config file. It holds a bearer token, so it is written owner-only (0600, folder 0700), and
/// replaced atomically so a crash never leaves half a file.
/// </summary>
public sealed class ConfigFile(string path)
{
    public string Path { get; } = path;

    /// <summary><c>--config</c>, then <c>EVENTHUB_CONFIG</c>, then the XDG config folder, then ~/.config.</summary>
    public static ConfigFile Locate(string? option, Func<string, string?> variable)
    {
        if (!string.IsNullOrWhiteSpace(option)) return new ConfigFile(System.IO.Path.GetFullPath(option));
        var fromEnv = variable("EVENTHUB_CONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return new ConfigFile(System.IO.Path.GetFullPath(fromEnv));
        var root = variable("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            var home = variable("HOME");
            if (string.IsNullOrWhiteSpace(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = System.IO.Path.Combine(home, ".config");
        }
        return new ConfigFile(System.IO.Path.Combine(root, "eventhub", "site.json"));
    }

    /// <summary>Null when there is no file yet; throws <see cref="InvalidDataException"/> when it cannot be read.</summary>
    public SiteConfig? Read()
    {
        if (!File.Exists(Path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SiteConfig>(File.ReadAllText(Path), Json.Options)
                   ?? throw new InvalidDataException("empty");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    public void Write(SiteConfig config)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var temp = Path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, config, Json.Options);
            stream.Flush(flushToDisk: true);
        }
        // UnixCreateMode is filtered by the umask; set it outright so the token is never group- or world-readable.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, Path, overwrite: true);
    }
}
