using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventHub.Browser.Tests.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe on the page as it is now: no serious or critical violation (the issue's bar).</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string state)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{state}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
