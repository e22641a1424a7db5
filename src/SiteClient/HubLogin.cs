using System.Net.Http.Json;
using System.Text.Json;

namespace EventHub.SiteClient;

/// <summary>What the hub's token endpoint takes: a role and its key (a join code and a name for delegates).</summary>
public sealed record LoginRequest(string Role, string Key, string? Site = null, string? Name = null,
    string? Agency = null, bool Awardee = false);

public sealed record LoginResult(string Token, long ExpiresAt, Identity Identity);

/// <summary>The hub said no; <see cref="Error"/> is its structured reason.</summary>
public sealed class HubRefusedException(ErrorInfo error, int status) : Exception($"{error.Code}: {error.Message} / {error.MessageEn}")
{
    public ErrorInfo Error { get; } = error;
    public int Status { get; } = status;
}

public static class HubLogin
{
    public static async Task<LoginResult> LoginAsync(HttpClient http, Uri hubBase, LoginRequest request,
        CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(hubBase, "/api/token"), request, Json.Options, cancellationToken);
        if (response.IsSuccessStatusCode)
            return await response.Content.ReadFromJsonAsync<LoginResult>(Json.Options, cancellationToken)
                   ?? throw new JsonException("Empty token response.");
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json.Options, cancellationToken);
        throw new HubRefusedException(body?.Error ?? new ErrorInfo("http.error", $"Lỗi HTTP {(int)response.StatusCode}",
            $"HTTP error {(int)response.StatusCode}"), (int)response.StatusCode);
    }

    /// <summary>Ends the token's session on every node (POST /api/logout): it and every token refreshed from it are refused.</summary>
    public static async Task LogoutAsync(HttpClient http, Uri hubBase, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubBase, "/api/logout"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json.Options, cancellationToken);
        throw new HubRefusedException(body?.Error ?? new ErrorInfo("http.error", $"Lỗi HTTP {(int)response.StatusCode}",
            $"HTTP error {(int)response.StatusCode}"), (int)response.StatusCode);
    }

    sealed record ErrorBody(ErrorInfo? Error);
}
