using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EventHub.Auth;

/// <summary>A bridge point's secrets: the host key (for the site host) and the join code (for its delegates).</summary>
public sealed record SiteCredentials(string HostKey, string JoinCode);

/// <summary>
/// Every secret the hub accepts, generated at first start into the data folder (owner-only) and never logged.
/// Several nodes share one file (or one mounted secret) so a key works on any node.
/// </summary>
/// <param name="ReviewerKey">The secretariat's key (Q&A review); a file written before reviewers existed gets one added.</param>
/// <param name="Generations">How many times each key was rotated (<see cref="KeyScope"/> → count; absent: never). A token
/// carries the generation of the key it was issued under, so a rotation ends every token of the old key.</param>
public sealed record Credentials(string ModeratorKey, string DisplayKey, SortedDictionary<string, SiteCredentials> Sites,
    string? ReviewerKey = null, SortedDictionary<string, int>? Generations = null)
{
    const string KeyAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: keys are read aloud and typed

    public static string NewKey(int length = 20) => RandomNumberGenerator.GetString(KeyAlphabet, length);

    public static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(given.Trim().ToUpperInvariant()), Encoding.UTF8.GetBytes(expected));

    public int GenerationOf(string scope) => Generations?.GetValueOrDefault(scope) ?? 0;

    /// <summary>The key a scope names (null for a site the file does not know).</summary>
    public string? KeyOf(string scope) => KeyScope.Parse(scope) switch
    {
        (KeyScope.Moderator, _) => ModeratorKey,
        (KeyScope.Reviewer, _) => ReviewerKey,
        (KeyScope.Display, _) => DisplayKey,
        (KeyScope.HostKind, { } site) => Sites.GetValueOrDefault(site)?.HostKey,
        (KeyScope.JoinKind, { } site) => Sites.GetValueOrDefault(site)?.JoinCode,
        _ => null,
    };

    /// <summary>A copy with one key replaced and its generation set; this one is left as it was.</summary>
    public Credentials WithKey(string scope, string key, int generation)
    {
        var sites = new SortedDictionary<string, SiteCredentials>(Sites, StringComparer.Ordinal);
        var generations = new SortedDictionary<string, int>(Generations ?? new(), StringComparer.Ordinal) { [scope] = generation };
        var next = this with { Sites = sites, Generations = generations };
        return KeyScope.Parse(scope) switch
        {
            (KeyScope.Moderator, _) => next with { ModeratorKey = key },
            (KeyScope.Reviewer, _) => next with { ReviewerKey = key },
            (KeyScope.Display, _) => next with { DisplayKey = key },
            (KeyScope.HostKind, { } site) when sites.TryGetValue(site, out var keys) => Replace(next, site, keys with { HostKey = key }),
            (KeyScope.JoinKind, { } site) when sites.TryGetValue(site, out var keys) => Replace(next, site, keys with { JoinCode = key }),
            _ => throw new ArgumentException($"Unknown key scope {scope}.", nameof(scope)),
        };

        static Credentials Replace(Credentials credentials, string site, SiteCredentials keys)
        {
            credentials.Sites[site] = keys;
            return credentials;
        }
    }

    /// <summary>Writes the file again (a rotation), atomically, owner-only.</summary>
    public void Rewrite(string path) => Save(path, overwrite: true);

    /// <summary>Reads the file, or creates it; adds keys for sites the file does not know yet.</summary>
    public static Credentials LoadOrCreate(string path, IEnumerable<string> siteCodes)
    {
        Credentials? existing = null;
        if (File.Exists(path))
        {
            try
            {
                existing = JsonSerializer.Deserialize<Credentials>(File.ReadAllText(path), Options);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: không đọc được tệp thông tin đăng nhập / cannot read the credentials file ({ex.Message}).");
            }
            if (existing is null || string.IsNullOrWhiteSpace(existing.ModeratorKey) || existing.Sites is null)
                throw new InvalidDataException($"{path}: tệp thông tin đăng nhập thiếu dữ liệu / the credentials file is incomplete.");
        }

        var credentials = existing ?? new Credentials(NewKey(), NewKey(), new SortedDictionary<string, SiteCredentials>(StringComparer.Ordinal));
        var noReviewerKey = string.IsNullOrWhiteSpace(credentials.ReviewerKey);
        if (noReviewerKey) credentials = credentials with { ReviewerKey = NewKey() };
        var missing = siteCodes.Where(code => !credentials.Sites.ContainsKey(code)).ToList();
        foreach (var code in missing) credentials.Sites[code] = new SiteCredentials(NewKey(), NewKey(8));
        if (existing is null || missing.Count > 0 || noReviewerKey)
        {
            // Several nodes may start at once on one shared file: the first to create it wins, the others read it.
            if (!credentials.Save(path, overwrite: existing is not null)) return LoadOrCreate(path, siteCodes);
        }
        return credentials;
    }

    bool Save(string path, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, Options);
            stream.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temp, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
