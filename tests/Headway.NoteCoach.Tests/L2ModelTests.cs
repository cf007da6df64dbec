using Headway.CoachTrainer;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Languages;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// The learned L2 model (<c>Languages/common/l2-model.bin</c>): it is the trainer's output on the training sets, it
/// knows every L2 of the one taxonomy, and it is what lets plain statements without a cue word point to their L2.
/// </summary>
public class L2ModelTests
{
    private static readonly L2Model Shipped = L2Model.LoadEmbedded(typeof(Coach).Assembly)
        ?? throw new InvalidOperationException("The coach ships no l2-model.bin.");

    private static readonly string[] TrainingSets = ["Corpus", "Dev"];

    [Fact]
    public void ShippedModel_HasEveryL2OfTheTaxonomy_AndReadsEveryShippedLanguage()
    {
        Assert.Equal([.. Taxonomy.L2Codes, L2Model.NoneClass], Shipped.Classes);
        Assert.Equal(Coach.Default.Languages, Shipped.Languages);
        Assert.InRange(Shipped.BlendWeight, 0.5, 20);
        Assert.InRange(Shipped.Plausible, 0.01, 0.5);
    }

    /// <summary>
    /// Retrains from the training sets with the shipped settings: a changed training note, taxonomy or featurizer
    /// without a retrained model fails here (see Languages/README.md for the command).
    /// </summary>
    [Fact]
    public void ShippedModel_IsWhatTheTrainerMakesOfTheTrainingSets()
    {
        var files = TrainingSets
            .SelectMany(set => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, set), "*.jsonl"))
            .Order(StringComparer.Ordinal);
        var retrained = Trainer.Train(Trainer.TrainingNotes(files), Shipped.BlendWeight, Shipped.Plausible);

        Assert.Equal(Shipped.Classes, retrained.Classes);
        Assert.Equal(Shipped.Languages, retrained.Languages);
        Assert.Equal(Shipped.Rows, retrained.Rows);
        Assert.Equal(Shipped.Bias.ToArray(), retrained.Bias.ToArray());
        var differing = 0;
        for (var bucket = 0; bucket < L2Model.Buckets; bucket++)
        {
            differing += Shipped.WeightsOf(bucket).SequenceEqual(retrained.WeightsOf(bucket)) ? 0 : 1;
        }

        Assert.Equal(0, differing);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kunde prüft weiter.")]
    [InlineData("客户唯一的IT管理员离职了")]
    [InlineData("12 / 300 — ?? !!")]
    public void Predict_GivesAProbabilityToEveryClass(string text)
    {
        var p = new float[Shipped.Classes.Length];
        Shipped.Predict(text.ToLowerInvariant(), p);

        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(1.0, p.Sum(), 3);
    }

    [Fact]
    public void Read_RefusesAFileCutShort_OrNotAModel()
    {
        using var whole = typeof(Coach).Assembly.GetManifestResourceStream("Languages/common/l2-model.bin")!;
        var bytes = new byte[whole.Length];
        whole.ReadExactly(bytes);

        Assert.Throws<InvalidDataException>(() => L2Model.Read(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Throws<InvalidDataException>(() => L2Model.Read(new MemoryStream(bytes[..10])));
        Assert.Throws<InvalidDataException>(() => L2Model.Read(new MemoryStream("not a model"u8.ToArray())));
        Assert.Equal(Shipped.Rows, L2Model.Read(new MemoryStream(bytes)).Rows);
    }

    /// <summary>
    /// Text that points nowhere gets no suggestion: the model adds only what it finds plausible, so its thin spread over
    /// every L2 does not make one up (nor an L1 for a note filed without one).
    /// </summary>
    [Theory]
    [InlineData("en", "asdf")]
    [InlineData("en", "tbd")]
    [InlineData("de", "siehe oben")]
    [InlineData("zh", "同上")]
    [InlineData("ja", "特になし")]
    public void TextThatPointsNowhere_GetsNoSuggestion(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, Language: language));

        Assert.Null(result.Suggested);
    }

    /// <summary>
    /// Plain statements of a situation, in words no cue list holds: the cues alone suggest nothing or another L2, the
    /// coach with its model suggests the L2 the statement describes.
    /// </summary>
    [Theory]
    [InlineData("en", "Blocked", "old line-of-business app only works on-prem Outlook 2010", "AppCompatibility")]
    [InlineData("de", "Blocked", "Lizenzverlängerung hängt beim Einkauf", "BillingLicensingSubscription")]
    [InlineData("zh", "Blocked", "唯一的管理员走了，没人做配置", "ItChangeManagementResourcing")]
    [InlineData("zh", "Blocked", "客户那边懂这个的人走了，现在没人能接手。", "ItChangeManagementResourcing")]
    [InlineData("ja", "Blocked", "先方で唯一分かる担当者が辞めてしまい、引き継げる人がいない。", "ItChangeManagementResourcing")]
    [InlineData("ja", "Blocked", "古い業務アプリがOutlook 2010でしか動かない", "AppCompatibility")]
    public void PlainStatement_PointsToItsL2_ThroughTheModel(string language, string l1, string text, string l2)
    {
        var profiles = LanguageProfileLoader.LoadAll(typeof(Coach).Assembly, Taxonomy.Data, out var workloads);
        var cuesOnly = new Coach(profiles, workloads, l2Model: null);
        var note = new NoteInput(text, l1, Language: language);

        Assert.NotEqual(l2, cuesOnly.Analyze(note).Suggested?.L2);
        Assert.Equal(l2, Coach.Default.Analyze(note).Suggested?.L2);
    }
}
