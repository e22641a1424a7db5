using EventHub.Domain.QandA;
using static EventHub.Domain.Tests.QandA.QandAGiven;

namespace EventHub.Domain.Tests.QandA;

public sealed class QandAQueriesTests
{
    [Fact]
    public void TheList_SortsByVotesThenAskedFirst_OrByTime_AndFilters()
    {
        var spec = QandAOpen().WithPublished("q1", Lan).WithPublished("q2", Binh).WithPublished("q3", Cuong)
            .WithVotes("q2", Lan, Cuong).WithVotes("q3", Lan).WithVotes("q1", Binh)
            .GivenBy(Lan, Submitted("q4", Lan))
            .Given(new QuestionLabelled("q3", "Chuyển đổi số"), new QuestionHighlighted("q3"));
        var qa = spec.State.QandA;

        Assert.Equal(["q2", "q1", "q3", "q4"], QandAQueries.List(qa, QuestionOrder.Votes).Select(q => q.Id));
        Assert.Equal(["q4", "q3", "q2", "q1"], QandAQueries.List(qa, QuestionOrder.Newest).Select(q => q.Id));
        Assert.Equal(["q1", "q3", "q4"], QandAQueries.List(qa, QuestionOrder.Oldest, new QuestionFilter(Site: "HCM")).Select(q => q.Id));
        Assert.Equal(["q3"], QandAQueries.List(qa, QuestionOrder.Votes, new QuestionFilter(Topic: "Chuyển đổi số")).Select(q => q.Id));
        Assert.Equal(["q2", "q1"], QandAQueries.Top(qa, 2).Select(q => q.Id));
        Assert.Equal("q3", QandAQueries.NowAnswering(qa)?.Id);
    }
}
