namespace Headway.NoteCoach.Tests;

/// <summary>
/// The unresponsive-customer report shows how many contact attempts each note states; the coach reads the count with
/// each language's own attempt words and number words (no list of languages in the report's code).
/// </summary>
public class ContactAttemptsTests
{
    [Theory]
    [InlineData("No response to 3 contact attempts; managed account.", 3)]
    [InlineData("Tried three times by email and phone, no answer. Unmanaged.", 3)]
    [InlineData("Customer unresponsive after 12 attempts over 4 weeks.", 12)]
    [InlineData("Keine Reaktion auf 4 Kontaktversuche, verwalteter Kunde.", 4)]
    [InlineData("Kunde dreimal angeschrieben, keine Antwort.", 3)]
    [InlineData("已尝试联系 5 次，客户无回应，托管客户。", 5)]
    [InlineData("三次联系均无回应。", 3)]
    [InlineData("2 回連絡しましたが応答がありません。マネージド。", 2)]
    [InlineData("3x Kd. angeschrieben (IT-Leiter + Einkauf) – keine Rückmeldung. Unmanaged.", 3)]
    [InlineData("2x 10 GBit Anbindung geprüft; Kunde seit März 3 mal angeschrieben, keine Antwort.", 3)]
    public void TheStatedCount_IsRead(string note, int expected) =>
        Assert.Equal(expected, Coach.Default.ContactAttempts(note));

    [Theory]
    [InlineData("Customer unresponsive.")]
    [InlineData("Kunde reagiert nicht, verwaltetes Konto.")]
    [InlineData("客户一直没有回应。")]
    [InlineData("Kunde reagiert nicht, Server mit 2x 10 GBit angebunden, angeschrieben.")]
    [InlineData("Jour fixe 2x pro Monat vereinbart. Kunde angeschrieben, keine Antwort.")]
    [InlineData("Keine Rückmeldung, Lizenzen 4x4 geprüft.")]
    [InlineData("")]
    public void NoCount_IsNull(string note) => Assert.Null(Coach.Default.ContactAttempts(note));
}
