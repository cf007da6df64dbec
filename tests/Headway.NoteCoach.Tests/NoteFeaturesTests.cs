using System.Numerics;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Tests;

public class NoteFeaturesTests
{
    [Fact]
    public void Slot_EveryTag_IsOneBitWithItsOwnSlotBelowTagSlots()
    {
        var slots = new HashSet<int>();
        foreach (var tag in Enum.GetValues<Tag>().Where(t => t != Tag.None))
        {
            Assert.Equal(1, BitOperations.PopCount((ulong)tag));
            var slot = NoteFeatures.Slot(tag);
            Assert.InRange(slot, 0, NoteFeatures.TagSlots - 1);
            Assert.True(slots.Add(slot), $"{tag} shares slot {slot} with another tag.");
        }
    }

    [Fact]
    public void Rent_ATenantsNotesAtOnce_GetsOneInstanceEach_AndReturnedOnesAreReused()
    {
        var rented = Enumerable.Range(0, 20).Select(_ => NoteFeatures.Rent()).ToList();
        var en = Coach.Default.Profiles["en"];
        for (var i = 0; i < rented.Count; i++)
        {
            rented[i].Compute($"Blocked because the proxy drops Teams media on {i + 2} sites.", en);
        }

        Assert.Equal(20, rented.Distinct().Count());
        Assert.All(rented, (f, i) => Assert.Contains($"{i + 2} sites", f.Text, StringComparison.Ordinal));

        rented.ForEach(NoteFeatures.Return);
        var again = Enumerable.Range(0, 20).Select(_ => NoteFeatures.Rent()).ToList();
        Assert.Equal(20, again.Intersect(rented).Count());
        Assert.All(again, f => Assert.Equal("", f.Text));
        again.ForEach(NoteFeatures.Return);
    }

    [Fact]
    public void Count_EveryTag_HasACounter()
    {
        var features = NoteFeatures.Rent();
        try
        {
            features.Compute("Blocked because the proxy drops Teams media; tried three times.", Coach.Default.Profiles["en"]);

            foreach (var tag in Enum.GetValues<Tag>().Where(t => t != Tag.None))
            {
                Assert.Equal(features.Count(tag) > 0, features.First(tag) is not null);
            }
        }
        finally
        {
            NoteFeatures.Return(features);
        }
    }

    [Fact]
    public void Compute_Note_CountsTheTagsOfItsPhrases()
    {
        var features = NoteFeatures.Rent();
        try
        {
            features.Compute("Blocked because the proxy drops Teams media.", Coach.Default.Profiles["en"]);

            Assert.True(features.Has(Tag.Blocked));
            Assert.True(features.Has(Tag.Reason));
            Assert.False(features.Has(Tag.Covid));
        }
        finally
        {
            NoteFeatures.Return(features);
        }
    }
}
