namespace Headway.NoteCoach.Tests.De;

public class CoachTests
{
    [Theory]
    [InlineData("NoIntent", "Kunde hat keine Absicht zum Onboarding wegen der laufenden Übernahme durch einen Konzern, die zuerst abgeschlossen werden muss.")]
    [InlineData("Blocked", "Kunde stellt nicht bereit, da die Firewall den Datenverkehr nicht weiterleitet und Outlook keine Verbindung zu den Postfächern herstellen kann.")]
    [InlineData("Blocked", "Blockiert, weil das Bankgeheimnis die Speicherung von Kundendaten außerhalb der Schweiz verbietet.")]
    [InlineData("InProgress", "Kunde befindet sich in der Pilotphase mit 40 Benutzern der Buchhaltung.")]
    [InlineData("StatusUnknown", "Kunde antwortet nicht auf 3 Kontaktversuche per E-Mail und Telefon. Nicht verwaltetes Konto.")]
    [InlineData("NoIntent", "Keine Absicht, da der Kunde z. B. für Chat und Meetings auf Slack und Zoom standardisiert hat.")]
    public void Analyze_SpecificNote_IsGood(string l1, string text) => NoteAssert.Graded(l1, text, Grade.Good);

    [Theory]
    [InlineData("Blocked", "Kunde kann zurzeit nicht bereitstellen.", "MissingReason")]
    [InlineData("NoIntent", "Kunde hat kein Interesse.", "MissingReason")]
    [InlineData("Blocked", "Bereitstellung nicht möglich aufgrund von Problemen mit Cloud/Daten/gesetzlichen Vorgaben.", "VagueReason")]
    [InlineData("StatusUnknown", "Kunde reagiert nicht.", "UnresponsiveMissingAttemptCount")]
    public void Analyze_NoteWithoutUsableReason_IsPoor(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Poor, code);

    [Theory]
    [InlineData("InProgress", "In Bearbeitung", "StatusOnly")]
    [InlineData("Blocked", "Kunde wird aufgrund spezifischer Infrastruktur vor Ort nicht bereitstellen.", "MissingDetail")]
    [InlineData("NoIntent", "Bis die Fusion beendet ist, wird der Kunde nicht bereitstellen.", "MissingDetail")]
    [InlineData("StatusUnknown", "Kunde antwortet nicht auf Kontaktversuche.", "UnresponsiveMissingAccountType")]
    [InlineData("NoIntent", "Kunde hat das FTC-Leistungsangebot abgelehnt.", "DeclinedAssistanceNotNoIntent")]
    [InlineData("InProgress", "Planen eines Kickoff-Meetings zum Erfassen der Absichten.", "EngagementLogistics")]
    public void Analyze_IncompleteNote_IsInsufficient(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Insufficient, code);

    [Fact]
    public void Analyze_GermanNote_IsDetectedAsGerman()
    {
        var result = Coach.Default.Analyze(new NoteInput("Kunde ist blockiert, weil die Firewallregeln den Zugriff auf Exchange Online verhindern."));
        Assert.Equal("de", result.Language);
        Assert.Equal("CustomerItInfrastructureRemediation", result.Suggested?.L2);
    }

    [Fact]
    public void Analyze_VagueTimeWord_IsWarning()
    {
        var result = NoteAssert.Graded("InProgress", "Kunde setzt die Bereitstellung fort und arbeitet aktuell an Korrekturschritten.", Grade.Good, "VagueTimeWord");
        Assert.Equal("aktuell", result.Findings.Single(f => f.Code == "VagueTimeWord").Args[0]);
    }
}
