namespace EventHub.Domain.Seeds;

/// <summary>
/// A seed file is missing or wrong. The message reads "seeds/sites.csv line 14: name is not NFC-normalised",
/// so whoever edits the file can go straight to the line.
/// </summary>
public sealed class SeedDataException : Exception
{
    public SeedDataException(string file, int? line, string problem, Exception? innerException = null)
        : base(line is null ? $"{file}: {problem}" : $"{file} line {line}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file as named in the message: the seeds folder's name and the file name, e.g. "seeds/forum.json".</summary>
    public string File { get; }

    /// <summary>1-based line of the problem; null when it concerns the whole file (e.g. the file is missing).</summary>
    public int? Line { get; }

    /// <summary>The message without the file and line.</summary>
    public string Problem { get; }
}
