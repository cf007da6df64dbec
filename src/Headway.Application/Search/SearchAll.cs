using System.Data.Common;
using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Headway.Application.Search;

/// <summary>
/// Finds tenants (by name or brand), status notes and overall notes containing every word of a query, in
/// any script: the index holds character trigrams, so 防火墙 or ファイアウォール match inside text that has
/// no spaces between words. Words of one or two characters are matched by a scan of the index instead.
/// Newest first; the caller's partner scope applies twice, in the index and in the rows read back.
/// </summary>
public static class SearchAll
{
    /// <summary>Totals are counted up to this many hits; beyond, the page says "more than".</summary>
    public const int CountLimit = 1000;

    public const int MaxQuery = 200;

    public enum HitKind
    {
        Tenant,
        StatusNote,
        OverallNote,
    }

    public sealed record Request(string? Query, int? Page = 1, int? PageSize = 25);

    /// <summary>One hit; <c>Workload</c> is a status note's workload or an overall note's type.</summary>
    public sealed record Hit(HitKind Kind, long Id, long TenantId, string TenantName, string? Workload, string? L1, string Text, DateTimeOffset At);

    /// <summary>A page of hits, the words searched for (to highlight), and whether there are more than <see cref="CountLimit"/>.</summary>
    public sealed record Response(Page<Hit> Hits, IReadOnlyList<string> Terms, bool TotalIsAtLeast);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var query = request.Query?.Trim() ?? "";
            if (query.Length > MaxQuery)
            {
                return Refusal.ForField("q", RefusalCodes.FieldTooLong, "q", MaxQuery.ToString(CultureInfo.InvariantCulture));
            }

            var terms = Terms(query);
            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            if (terms.Count == 0)
            {
                return Result<Response>.Ok(new Response(new Page<Hit>([], page, size, 0), terms, false));
            }

            var (rows, total) = await QueryIndexAsync(terms, (page - 1) * size, size, ct);
            // The index is ordered by each row's last change, so an edit moves a row to the front whatever a cursor held: the
            // next link carries the page number alone.
            var hits = new Page<Hit>(await ReadHitsAsync(rows, ct), page, size, Math.Min(total, CountLimit))
            {
                Next = rows.Count == size && (long)page * size < total ? new PageCursor(page + 1, "") : null,
            };
            return Result<Response>.Ok(new Response(hits, terms, total > CountLimit));
        }

        /// <summary>Words split at white space, without duplicates; quotes and LIKE wildcards carry no meaning here.</summary>
        public static List<string> Terms(string query) =>
            query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => new string(t.Where(c => c is not ('"' or '%' or '_')).ToArray()))
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(10)
                .ToList();

        private async Task<(List<long> Rows, int Total)> QueryIndexAsync(List<string> terms, int skip, int take, CancellationToken ct)
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await db.Database.OpenConnectionAsync(ct);
            }

            await using var command = connection.CreateCommand();
            if (db.Database.IsNpgsql())
            {
                BuildPostgresQuery(command, terms);
            }
            else
            {
                BuildSqliteQuery(command, terms);
            }

            Add(command, "@take", take);
            Add(command, "@skip", skip);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var total = reader.GetInt32(0);
            await reader.NextResultAsync(ct);
            var rows = new List<long>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(reader.GetInt64(0));
            }

            return (rows, total);
        }

        /// <summary>SQLite: the FTS5 trigram table kept by triggers (see the Initial migration of Headway.Data.Sqlite).</summary>
        private void BuildSqliteQuery(DbCommand command, List<string> terms)
        {
            var conditions = new List<string>();
            foreach (var (condition, name, value) in SqliteMatch(terms))
            {
                conditions.Add(condition);
                Add(command, name, value);
            }

            var caller = db.Caller;
            if (!caller.IsProgrammeWide)
            {
                conditions.Add("\"PartnerId\" = @partner");
                Add(command, "@partner", caller.PartnerId ?? -1);
            }

            if (GeographyCondition(command, "\"TenantId\"") is { } geography)
            {
                conditions.Add(geography);
            }

            var where = string.Join(" AND ", conditions);
            command.CommandText = $"""
                SELECT (SELECT count(*) FROM (SELECT 1 FROM "SearchIndex" WHERE {where} LIMIT {CountLimit + 1}));
                SELECT rowid FROM "SearchIndex" WHERE {where} ORDER BY "At" DESC, rowid DESC LIMIT @take OFFSET @skip;
                """;
        }

        /// <summary>
        /// PostgreSQL: ILIKE straight on the tables of <see cref="SearchSources"/>, served by their pg_trgm GIN indexes
        /// (see the Initial migration there), with the same row keys as the SQLite index.
        /// </summary>
        private void BuildPostgresQuery(DbCommand command, List<string> terms)
        {
            for (var i = 0; i < terms.Count; i++)
            {
                Add(command, "@t" + i, PostgresPattern(terms[i]));
            }

            string Matches(string text) => PostgresMatch(text, terms.Count, i => $"@t{i}");
            var scope = "";
            if (!db.Caller.IsProgrammeWide)
            {
                scope = " AND \"PartnerId\" = @partner";
                Add(command, "@partner", db.Caller.PartnerId ?? -1);
            }

            string Geography(SearchSources.Source source) => GeographyCondition(command, source.TenantId) is { } g ? " AND " + g : "";
            var hits = string.Join("\nUNION ALL ", SearchSources.All.Select(source =>
                $"""SELECT {source.Key} AS "Key", {source.At} AS "At" FROM "{source.Table}"{source.Where(Matches($"({source.Text})"))}{scope}{Geography(source)}"""));
            command.CommandText = $"""
                SELECT count(*)::int FROM (SELECT 1 FROM ({hits}) AS h LIMIT {CountLimit + 1}) AS c;
                SELECT "Key" FROM ({hits}) AS h ORDER BY "At" DESC, "Key" DESC LIMIT @take OFFSET @skip;
                """;
        }

        /// <summary>
        /// For a caller limited to some regions or countries: the condition that keeps a row's tenant among them, with its
        /// parameters added to the command (the same test as the query filter on tenants). Null for every other caller.
        /// </summary>
        private string? GeographyCondition(DbCommand command, string tenantId)
        {
            var caller = db.Caller;
            if (!caller.IsGeographyLimited)
            {
                return null;
            }

            string In(string column, IReadOnlyList<string> values, string prefix)
            {
                var names = values.Select((v, i) => (Name: $"@{prefix}{i}", Value: v)).ToList();
                foreach (var (name, value) in names)
                {
                    if (!command.Parameters.Contains(name))
                    {
                        Add(command, name, value);
                    }
                }

                return $"\"{column}\" IN ({string.Join(", ", names.Select(n => n.Name))})";
            }

            var tests = new List<string>();
            if (caller.Regions.Count > 0)
            {
                tests.Add(In("Region", caller.Regions, "region"));
            }

            if (caller.Countries.Count > 0)
            {
                tests.Add(In("Country", caller.Countries, "country"));
            }

            return $"""{tenantId} IN (SELECT "Id" FROM "Tenants" WHERE {string.Join(" OR ", tests)})""";
        }

        /// <summary>Reads the rows behind the index hits through the scoped model, in the index's order.</summary>
        private async Task<List<Hit>> ReadHitsAsync(List<long> rows, CancellationToken ct)
        {
            const int Stride = SearchSources.KeyStride;
            List<long> IdsOf(HitKind kind) => rows.Where(r => r % Stride == (int)kind).Select(r => r / Stride).ToList();
            var tenantIds = IdsOf(HitKind.Tenant);
            var entitlementIds = IdsOf(HitKind.StatusNote);
            var noteIds = IdsOf(HitKind.OverallNote);
            var tenants = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id))
                .Select(t => new Hit(HitKind.Tenant, t.Id, t.Id, t.Name, null, null, t.Name + (t.BrandName == null ? "" : " (" + t.BrandName + ")"), t.CreatedAt))
                .ToDictionaryAsync(h => h.Id, ct);
            var statusNotes = await db.Entitlements.AsNoTracking().Where(e => entitlementIds.Contains(e.Id) && e.Note != null)
                .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new Hit(HitKind.StatusNote, e.Id, t.Id, t.Name, e.Workload, e.L1, e.Note!, e.LastChangedAt))
                .ToDictionaryAsync(h => h.Id, ct);
            var overallNotes = await db.OverallNotes.AsNoTracking().Where(n => noteIds.Contains(n.Id))
                .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new { n.Id, TenantId = t.Id, t.Name, n.Type, n.Text, n.CreatedAt })
                .ToDictionaryAsync(h => h.Id, h => new Hit(HitKind.OverallNote, h.Id, h.TenantId, h.Name, h.Type.ToString(), null, h.Text, h.CreatedAt), ct);
            var hits = new List<Hit>(rows.Count);
            foreach (var rowId in rows)
            {
                var id = rowId / Stride;
                var hit = (HitKind)(rowId % Stride) switch
                {
                    HitKind.Tenant => tenants.GetValueOrDefault(id),
                    HitKind.StatusNote => statusNotes.GetValueOrDefault(id),
                    _ => overallNotes.GetValueOrDefault(id),
                };
                if (hit is not null)
                {
                    hits.Add(hit);
                }
            }

            return hits;
        }

        /// <summary>
        /// SQLite: the conditions on the index's text that find every term, with their parameters. Trigram phrases need
        /// three characters; shorter words fall back to LIKE over the indexed text.
        /// </summary>
        private static IEnumerable<(string Condition, string Name, string Value)> SqliteMatch(List<string> terms)
        {
            var phrases = terms.Where(t => new StringInfo(t).LengthInTextElements >= 3).Select(t => "\"" + t + "\"").ToList();
            if (phrases.Count > 0)
            {
                yield return ("\"Text\" MATCH @match", "@match", string.Join(" AND ", phrases));
            }

            var shortTerms = terms.Where(t => new StringInfo(t).LengthInTextElements < 3).ToList();
            for (var i = 0; i < shortTerms.Count; i++)
            {
                yield return ($"\"Text\" LIKE @like{i}", "@like" + i, "%" + shortTerms[i] + "%");
            }
        }

        private static string PostgresPattern(string term) => "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal) + "%";

        private static string PostgresMatch(string text, int terms, Func<int, string> parameter) =>
            string.Join(" AND ", Enumerable.Range(0, terms).Select(i => $"{text} ILIKE {parameter(i)}"));

        /// <summary>
        /// The ids of the tenants this search finds: the same words matched against the same text
        /// (<see cref="SearchSources.Tenants"/>) in the same way, so the tenant list's search and this one find the same
        /// tenants. On SQLite the words of three characters or more are looked up in the trigram index and shorter ones
        /// matched with LIKE on the tenant's own text (the index holds that same text, and a scan of the tenants is cheaper
        /// than one of every indexed note). Only the caller's partner's tenants for a partner; the queries the ids go into
        /// apply the whole scope (regions, countries) again. The ids are read once, as a list, where a query composed of raw
        /// SQL would be compiled by EF Core anew on every request and run the search again in every query it is part of.
        /// </summary>
        public static async Task<List<long>> TenantIdsAsync(HeadwayDbContext db, IReadOnlyList<string> terms, CancellationToken ct)
        {
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened)
            {
                await db.Database.OpenConnectionAsync(ct);
            }

            try
            {
                await using var command = connection.CreateCommand();
                if (db.Database.CurrentTransaction is { } transaction)
                {
                    command.Transaction = transaction.GetDbTransaction();
                }

                return await ReadTenantIdsAsync(db, command, terms, ct);
            }
            finally
            {
                if (opened)
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
        }

        private static async Task<List<long>> ReadTenantIdsAsync(HeadwayDbContext db, DbCommand command, IReadOnlyList<string> terms, CancellationToken ct)
        {
            var scope = "";
            if (!db.Caller.IsProgrammeWide)
            {
                scope = " AND \"PartnerId\" = @partner";
                Add(command, "@partner", db.Caller.PartnerId!.Value);
            }

            var source = SearchSources.Tenants;
            var conditions = new List<string>();
            if (db.Database.IsNpgsql())
            {
                for (var i = 0; i < terms.Count; i++)
                {
                    conditions.Add($"({source.Text}) ILIKE @t{i}");
                    Add(command, "@t" + i, PostgresPattern(terms[i]));
                }
            }
            else
            {
                foreach (var (match, name, value) in SqliteMatch([.. terms]))
                {
                    conditions.Add(name == "@match"
                        ? $"""
                          "Id" IN (SELECT rowid / {SearchSources.KeyStride} FROM "SearchIndex" WHERE {match} AND rowid % {SearchSources.KeyStride} = {(int)HitKind.Tenant})
                          """
                        : match.Replace("\"Text\"", $"({source.Text})", StringComparison.Ordinal));
                    Add(command, name, value);
                }
            }

            // Words of three characters or more only: the index alone answers, without reading each tenant found.
            command.CommandText = conditions.Count == 1 && command.Parameters.Contains("@match")
                ? $"""SELECT rowid / {SearchSources.KeyStride} FROM "SearchIndex" WHERE "Text" MATCH @match AND rowid % {SearchSources.KeyStride} = {(int)HitKind.Tenant}{scope}"""
                : $"""SELECT "Id" FROM "{source.Table}"{source.Where(string.Join(" AND ", conditions))}{scope}""";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var ids = new List<long>();
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
    }
}
