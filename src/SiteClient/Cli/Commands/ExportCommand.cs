using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace EventHub.SiteClient.Cli.Commands;

/// <summary>
/// <c>export REPORT [--format csv|json] [--output FILE]</c>: fetches a report the hub serves to the moderator
/// and writes it unchanged (a file keeps the CSV's byte-order mark, which Excel needs for Vietnamese).
/// <c>export --bundle [--output FILE]</c>: the forum's whole report bundle, a zip, always to a file.
/// </summary>
public sealed class ExportCommand(CliEnvironment env) : AsyncCommand<ExportCommand.Settings>
{
    /// <summary>Report name → the hub's path for a format. A new report is one line here.</summary>
    static readonly Dictionary<string, Func<string, string>> Reports = new(StringComparer.OrdinalIgnoreCase)
    {
        ["speakers"] = format => $"/api/export/speakers.{format}?by=speaker",
        ["sites"] = format => $"/api/export/speakers.{format}?by=site",
        ["attendance"] = format => $"/api/reports/attendance.{format}",
    };

    const string BundlePath = "/api/reports/bundle.zip";

    public sealed class Settings : TimedSettings
    {
        [CommandArgument(0, "[REPORT]")]
        [LocalizedDescription(nameof(Texts.ArgReport))]
        public string Report { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [LocalizedDescription(nameof(Texts.OptFormat))]
        public string Format { get; init; } = "csv";

        [CommandOption("-o|--output <FILE>")]
        [LocalizedDescription(nameof(Texts.OptOutput))]
        public string? Output { get; init; }

        [CommandOption("--bundle")]
        [LocalizedDescription(nameof(Texts.OptBundle))]
        public bool Bundle { get; init; }

        public override ValidationResult Validate()
        {
            if (Bundle == (Report.Length > 0)) return Fail(Texts.BundleOrReport);
            if (Bundle) return base.Validate();
            if (!Reports.ContainsKey(Report))
                return ValidationResult.Error(Texts.Format(Texts.BadReport, Report, string.Join(", ", Reports.Keys)));
            return Format.ToLowerInvariant() is "csv" or "json" ? base.Validate() : Fail(Texts.BadFormat);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var session = HubSession.Open(env, settings, out var exit);
        if (session is null) return exit;
        using var http = new HttpClient { Timeout = settings.Timeout > 0 ? TimeSpan.FromSeconds(settings.Timeout) : Timeout.InfiniteTimeSpan };
        // The CSV's headers and words follow the run's language (Vietnamese unless --lang en).
        var path = settings.Bundle ? BundlePath : Reports[settings.Report](settings.Format.ToLowerInvariant());
        if (!settings.Bundle && LanguageChoice.Current == Language.En) path += (path.Contains('?') ? '&' : '?') + "lang=en";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(session.Hub, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Login.Token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                HubSession.WriteRefusal(env, await ErrorOf(response, cancellationToken));
                return ExitCodes.Refused;
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            // A zip is never written to a terminal: without --output it takes the name the hub gave it.
            var output = settings.Output ?? (settings.Bundle ? Path.GetFileName(
                response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "bao-cao.zip") : null);
            if (output is null)
            {
                env.RawOut.Write(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
                env.RawOut.Flush();
            }
            else
            {
                await File.WriteAllBytesAsync(output, bytes, cancellationToken);
                env.Out.WriteLine(Texts.Format(Texts.Exported, bytes.Length, Path.GetFullPath(output)));
            }
            return ExitCodes.Done;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            env.Error.WriteLine(Texts.Format(Texts.Unreachable, session.Hub, ex.Message));
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>The hub's error object when it sent one; otherwise the status (401/403 from the auth layer have no body).</summary>
    static async Task<ErrorInfo> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var code = status switch { 401 => "auth.token", 403 => "auth.forbidden", 404 => "http.not_found", _ => "http.error" };
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json.Options, cancellationToken);
            if (body?.Error is { } error) return error;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
        }
        var text = Texts.Format(Texts.HttpRefused, status);
        return new ErrorInfo(code, text, text);
    }

    sealed record ErrorBody(ErrorInfo? Error);
}
