using EventHub.Domain.Forum;

namespace EventHub.Domain.Tests;

/// <summary>
/// The domain is plain C#: the forum's rules must not depend on how they are served or stored (docs/design.md), so
/// the site client can fold events with the same code and the rules can be tested without a server.
/// </summary>
public sealed class ArchitectureTests
{
    static readonly System.Reflection.Assembly Domain = typeof(ForumState).Assembly;

    static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Microsoft.Extensions", "StackExchange.Redis", "MessagePack"];

    [Fact]
    public void TheDomain_ReferencesNoWebSignalROrRedisAssembly()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.Contains(references, r => r.StartsWith("System", StringComparison.Ordinal)); // the check reads real references
        Assert.DoesNotContain(references, r => Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryDomainType_LivesUnderTheDomainNamespace()
    {
        var outside = Domain.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith("EventHub.Domain", StringComparison.Ordinal)
                        && !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(outside);
    }
}
