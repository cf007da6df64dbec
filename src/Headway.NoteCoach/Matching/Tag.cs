namespace Headway.NoteCoach.Matching;

/// <summary>
/// What a vocabulary phrase means to the rules. The names are the category keys of the
/// language data files (<c>Languages/*/vocabulary.json</c>), compared case-insensitively.
/// </summary>
[Flags]
internal enum Tag : ulong
{
    None = 0,

    /// <summary>Function words and fillers that carry no content ("the", "customer", "的").</summary>
    Stop = 1UL << 0,

    /// <summary>Restates the status without content ("in progress", "status").</summary>
    Status = 1UL << 1,

    /// <summary>States there is no intent ("no intent", "not interested").</summary>
    NoIntent = 1UL << 2,

    /// <summary>States a block ("blocked", "unable to deploy").</summary>
    Blocked = 1UL << 3,

    /// <summary>Will/can not deploy: intent-or-block statement without saying which.</summary>
    WontDeploy = 1UL << 4,

    /// <summary>Progress statement ("is deploying", "continues").</summary>
    Progress = 1UL << 5,

    /// <summary>Intent is unknown ("unable to gather intent").</summary>
    UnknownIntent = 1UL << 6,

    /// <summary>Reason connective ("because", "due to", "因为").</summary>
    Reason = 1UL << 7,

    /// <summary>A condition instead of a cause ("until").</summary>
    Until = 1UL << 8,

    /// <summary>Generic category word that names no cause ("cloud", "data", "issues").</summary>
    Generic = 1UL << 9,

    /// <summary>Names an area without a cause ("infrastructure", "on-premises").</summary>
    Area = 1UL << 10,

    /// <summary>Hedge that pretends to be specific ("specific", "certain").</summary>
    Hedge = 1UL << 11,

    /// <summary>Vague time word ("currently", "at this time").</summary>
    VagueTime = 1UL << 12,

    /// <summary>Engagement logistics ("schedule a kickoff").</summary>
    Logistics = 1UL << 13,

    /// <summary>Chatter that makes a note too long (funding, speculation, sync calls).</summary>
    Chatter = 1UL << 14,

    /// <summary>The customer does not respond.</summary>
    Unresponsive = 1UL << 15,

    /// <summary>Mentions contact attempts ("tried", "contacted", "emails").</summary>
    Attempt = 1UL << 16,

    /// <summary>A countable attempt unit following a number ("attempts", "times", "次", "回").</summary>
    AttemptUnit = 1UL << 17,

    /// <summary>Managed or unmanaged account.</summary>
    Managed = 1UL << 18,

    /// <summary>Usage figures ("usage", "active users").</summary>
    Usage = 1UL << 19,

    /// <summary>Declining ("declined", "turned down").</summary>
    Decline = 1UL << 20,

    /// <summary>The programme's assistance ("FastTrack", "assistance").</summary>
    Assistance = 1UL << 21,

    /// <summary>Pausing or stopping.</summary>
    Pause = 1UL << 22,

    /// <summary>The #covid hashtag.</summary>
    Covid = 1UL << 23,

    /// <summary>Duplicate or invalid tenant words.</summary>
    Duplicate = 1UL << 24,

    /// <summary>A workload name or code.</summary>
    Workload = 1UL << 25,

    /// <summary>A number word ("three", "三", "drei").</summary>
    Number = 1UL << 26,

    /// <summary>Positive intent ("plans to", "wants to").</summary>
    Intent = 1UL << 27,

    /// <summary>A concrete detail word that is not tied to one L2 ("error", "version").</summary>
    Detail = 1UL << 28,

    /// <summary>Unit words for usage figures and other quantities.</summary>
    Unit = 1UL << 29,

    /// <summary>
    /// Names the chosen status's own activity ("migration", "迁移中", "Rollout", "移行"): a cue for its L2, but a
    /// note made only of it and status words restates the status ("Migration ongoing").
    /// </summary>
    Restate = 1UL << 30,

    /// <summary>Says nothing at all ("tbd", "n/a", "see above", "同上", "特になし"): a note of only these has no reason.</summary>
    Filler = 1UL << 31,
}
