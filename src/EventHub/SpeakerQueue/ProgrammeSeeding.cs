using EventHub.Domain.Forum;
using EventHub.Domain.Seeds;
using EventHub.Domain.SpeakerQueue;
using EventHub.Forum;

namespace EventHub.SpeakerQueue;

/// <summary>
/// Puts the seeded programme on the agenda after the forum opens: one item per programme entry, and its named
/// speakers approved on the item's list as hall speakers. Each command has a fixed id and only what is missing
/// is sent, so a node restarting halfway through seeding finishes the job without doubling anything.
/// </summary>
sealed class ProgrammeSeeding(ForumEngine engine, SeedData seeds) : IForumStartupStep
{
    public Task RunAsync(CancellationToken cancellationToken) => SeedAsync(engine, seeds.Forum, cancellationToken);

    public static async Task SeedAsync(ForumEngine engine, ForumSeed forum, CancellationToken cancellationToken)
    {
        foreach (var item in forum.Programme)
        {
            if (engine.View.State.SpeakerQueue.Item(item.Key) is null)
                await engine.ExecuteAsync(Actor.System, $"agenda-{item.Key}",
                    new AddAgendaItem(item.Key, item.Title, item.DefaultSpeakingSeconds), cancellationToken);

            for (var i = 0; i < item.Speakers.Count; i++)
            {
                var id = $"seed-{item.Key}-{i + 1}";
                var speaker = item.Speakers[i];
                if (engine.View.State.SpeakerQueue.Request(id) is null)
                    await engine.ExecuteAsync(Actor.System, id,
                        new AddSpeaker(id, item.Key, null, speaker.Name, speaker.Title, null, null), cancellationToken);
            }
        }
    }
}
