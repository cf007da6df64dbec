using System.CommandLine;
using System.Globalization;
using System.Text;
using Headway.NoteCoach;
using Spectre.Console;

namespace Headway.Cli;

/// <summary>
/// <c>headway lint</c>: grades status notes. Without --text it streams JSON Lines from stdin to stdout
/// (one output line per input line, in order); with --text it prints a readable report for a person.
/// </summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var text = new Option<string?>("--text") { Description = "A note to check and report on in readable form." };
        var l1 = new Option<string?>("--l1") { Description = "The note's L1 status code, e.g. Blocked." };
        var l2 = new Option<string?>("--l2") { Description = "The note's L2 status code, e.g. LegalRegulatory." };
        var lang = new Option<string>("--lang") { Description = "Language of the note: auto, en, zh, de or ja.", DefaultValueFactory = _ => "auto" };
        var uiLang = new Option<string>("--ui-lang") { Description = "Language of the messages: en, zh-Hans, de or ja.", DefaultValueFactory = _ => "en" };
        var command = new Command("lint", "Grade status notes against the programme's writing guidance.") { text, l1, l2, lang, uiLang };
        command.SetAction(parse =>
        {
            var ui = parse.GetValue(uiLang)!;
            if (parse.GetValue(text) is { } note)
            {
                Report(new NoteInput(note, parse.GetValue(l1), parse.GetValue(l2), parse.GetValue(lang)), ui);
                return 0;
            }

            try
            {
                using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16);
                using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                JsonLinesLinter.Run(input, output, ui);
                return 0;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"headway lint: cannot read standard input: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Report(NoteInput input, string ui)
    {
        var coach = Coach.Default;
        var result = coach.Analyze(input);
        var colour = result.Grade switch { Grade.Good => "green", Grade.Insufficient => "yellow", _ => "red" };
        AnsiConsole.MarkupLine($"[bold {colour}]{result.Grade}[/]  [grey]({result.Language})[/]");
        AnsiConsole.MarkupLine(Highlight(input.Text, result.Findings));
        foreach (var f in result.Findings)
        {
            var sev = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
            AnsiConsole.MarkupLine($"  [{sev}]{f.Code}[/] {Markup.Escape(coach.RenderMessage(f, ui))}");
            if (coach.RenderFix(f, ui) is { } fix)
            {
                AnsiConsole.MarkupLine($"    [grey]→ {Markup.Escape(fix)}[/]");
            }
        }

        if (result.Suggested is { } s)
        {
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  [grey]suggested:[/] {s.L1}{(s.L2 is null ? "" : " / " + s.L2)} [grey]({s.Confidence:P0})[/]"));
        }
    }

    /// <summary>The note with the findings' spans underlined.</summary>
    private static string Highlight(string text, IReadOnlyList<Finding> findings)
    {
        var marked = new bool[text.Length];
        foreach (var f in findings)
        {
            for (var i = Math.Max(0, f.Start); i < Math.Min(text.Length, f.Start + f.Length); i++)
            {
                marked[i] = true;
            }
        }

        var sb = new StringBuilder();
        var i0 = 0;
        while (i0 < text.Length)
        {
            var i1 = i0;
            while (i1 < text.Length && marked[i1] == marked[i0])
            {
                i1++;
            }

            var part = Markup.Escape(text[i0..i1]);
            sb.Append(marked[i0] && findings.Count > 0 ? $"[underline yellow]{part}[/]" : part);
            i0 = i1;
        }

        return sb.ToString();
    }
}
