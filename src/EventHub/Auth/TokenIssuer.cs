using System.Security.Claims;
using EventHub.Domain.Forum;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventHub.Auth;

/// <summary>Mints the hub's bearer tokens: HMAC-signed JWTs that carry role, site, name and id.</summary>
public sealed class TokenIssuer(SigningKey key, TimeProvider time, Operations.EventHubOptions options)
{
    readonly JsonWebTokenHandler _handler = new();

    /// <summary>
    /// A token for <paramref name="actor"/> under generation <paramref name="keyGeneration"/> of the key they logged in
    /// with; <paramref name="session"/> is a refresh's (the session it continues), null for a new login.
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(Actor actor, int keyGeneration = 0, string? session = null)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Auth.TokenLifetime;
        var claims = new List<Claim>
        {
            new(ForumClaims.Role, RoleNames.Of(actor.Role)),
            new(ForumClaims.Name, actor.Name),
            new(ForumClaims.Id, actor.Id),
            new(ForumClaims.Session, session ?? NewSession()),
            new(ForumClaims.KeyGeneration, keyGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (actor.Site is not null) claims.Add(new Claim(ForumClaims.Site, actor.Site));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Operations.AuthSettings.Issuer,
            Audience = Operations.AuthSettings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    static string NewSession() => Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

/// <summary>The token signing key, from configuration or (embedded default only) from the data folder.</summary>
public sealed class SigningKey(byte[] bytes)
{
    public SymmetricSecurityKey Key { get; } = new(bytes) { KeyId = "eventhub" };

    public static SigningKey Resolve(Operations.EventHubOptions options, bool clustered)
    {
        if (!string.IsNullOrWhiteSpace(options.Auth.SigningKey))
        {
            var bytes = TryBase64(options.Auth.SigningKey);
            if (bytes is null || bytes.Length < 32)
                throw new InvalidOperationException("EventHub:Auth:SigningKey phải là base64 của ít nhất 32 byte / must be base64 of at least 32 bytes.");
            return new SigningKey(bytes);
        }
        if (clustered)
            throw new InvalidOperationException("EventHub:Auth:SigningKey là bắt buộc khi dùng Redis / is required with Redis, so that every node accepts the same tokens.");

        var path = Path.Combine(options.DataDirectory, "signing.key");
        if (File.Exists(path))
        {
            var bytes = TryBase64(File.ReadAllText(path).Trim());
            if (bytes is null || bytes.Length < 32)
                throw new InvalidDataException($"{path}: khóa ký hỏng / the signing key file is corrupt.");
            return new SigningKey(bytes);
        }
        var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(options.DataDirectory);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, fileOptions))) writer.Write(Convert.ToBase64String(fresh));
        return new SigningKey(fresh);
    }

    static byte[]? TryBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
