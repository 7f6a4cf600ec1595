namespace LlmClient.Analyzers.Benchmarks.Corpora;

/// <summary>
/// Corpus (a): ordinary business code with no LLM and no HTTP use: records, repositories, services with LINQ,
/// string handling, loops, pattern matching, async streams, collections, generics, exceptions. Method names
/// such as Create*, Get*, Post*, Delete* and Serialize-free helpers appear as they do in real code, so the
/// analyzers' syntax pre-filters meet the look-alikes they must skip cheaply.
/// </summary>
public sealed class BusinessCorpus : CorpusBuilder
{
    private static readonly string[] Entities =
    [
        "Order", "Invoice", "Customer", "Shipment", "Product", "Ticket", "Employee", "Account", "Booking", "Payment",
        "Contract", "Warehouse", "Supplier", "Refund", "Subscription", "Course", "Patient", "Vehicle", "Claim", "Project",
    ];

    private static readonly string[] Areas = ["Billing", "Sales", "Logistics", "Hr", "Support", "Catalog", "Finance", "Planning"];

    private static readonly string[] Words = ["alpha", "north", "priority", "legacy", "draft", "export", "manual", "review", "batch", "pilot"];

    private static readonly Func<string, int, Random, string>[] Methods =
    [
        TopOwners, Normalize, ComputeFee, ImportAsync, DistinctTags, CountByStatus, Approve, TryExport, Batch, DescribeAge,
        CreateItem, GetTotal, PostAdjustment, DeleteArchived, Stats, Report, FindDuplicates, ParseCsvLine, StreamRecent, Reconcile,
    ];

    public override string Name => "a: business code";

    public override string Description => "ordinary business code, no LLM or HTTP use";

    protected override CorpusFile WriteFile(int index, Random random)
    {
        var entity = Pick(random, Entities) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var area = Pick(random, Areas);
        var text = new SourceWriter();
        text.Append($$"""
            using System.Collections.Concurrent;
            using System.Collections.Immutable;
            using System.Diagnostics;
            using System.Globalization;
            using System.Text;

            namespace Contoso.{{area}}.M{{index}};


            """);
        text.Block(EntityTypes(entity));

        var method = 0;
        for (var service = 0; text.Lines < LinesPerFile; service++)
        {
            switch (random.Next(5))
            {
                case 0:
                    text.Block(Money(entity, service));
                    break;
                case 1:
                    text.Block(Cache(entity, service));
                    break;
                default:
                    text.Block(Service(entity, service, random, ref method));
                    break;
            }
        }

        return new CorpusFile($"Business/{area}/{entity}.cs", text.ToString());
    }

    private static string EntityTypes(string e) => $$"""
        public enum {{e}}Status
        {
            Draft,
            Pending,
            Approved,
            Rejected,
            Archived,
        }

        public sealed record {{e}}(int Id, string Name, string Owner, decimal Amount, DateTime CreatedAt, {{e}}Status Status, IReadOnlyList<string> Tags);

        public sealed record {{e}}Line(int {{e}}Id, string Sku, int Quantity, decimal UnitPrice)
        {
            public decimal Total => Quantity * UnitPrice;
        }

        public interface I{{e}}Repository
        {
            {{e}}? Find(int id);

            IEnumerable<{{e}}> All();

            void Save({{e}} item);

            bool Delete(int id);
        }

        public sealed class InMemory{{e}}Repository : I{{e}}Repository
        {
            private readonly ConcurrentDictionary<int, {{e}}> _items = new();

            public {{e}}? Find(int id) => _items.TryGetValue(id, out var item) ? item : null;

            public IEnumerable<{{e}}> All() => _items.Values.OrderBy(i => i.Id);

            public void Save({{e}} item) => _items[item.Id] = item;

            public bool Delete(int id) => _items.TryRemove(id, out _);
        }

        public sealed class {{e}}NotFoundException(int id) : Exception($"{{e}} {id} was not found.")
        {
            public int Id { get; } = id;
        }
        """;

    private static string Service(string e, int service, Random random, ref int method)
    {
        var text = new SourceWriter();
        text.Append($$"""
            public sealed class {{e}}Service{{service}}
            {
                private readonly I{{e}}Repository _repository;
                private readonly List<string> _log = new();
                private int _nextId;

                public {{e}}Service{{service}}(I{{e}}Repository repository)
                {
                    _repository = repository ?? throw new ArgumentNullException(nameof(repository));
                }

                public IReadOnlyList<string> Log => _log;


            """);
        var count = 5 + random.Next(6);
        for (var i = 0; i < count; i++)
        {
            text.Block(Pick(random, Methods)(e, method++, random).TrimEnd('\n'));
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string Money(string e, int k) => $$"""
        public readonly record struct {{e}}Money{{k}}(decimal Amount, string Currency) : IComparable<{{e}}Money{{k}}>
        {
            public static {{e}}Money{{k}} Zero(string currency) => new(0m, currency);

            public static {{e}}Money{{k}} operator +({{e}}Money{{k}} left, {{e}}Money{{k}} right)
            {
                EnsureSameCurrency(left, right);
                return new(left.Amount + right.Amount, left.Currency);
            }

            public static {{e}}Money{{k}} operator -({{e}}Money{{k}} left, {{e}}Money{{k}} right)
            {
                EnsureSameCurrency(left, right);
                return new(left.Amount - right.Amount, left.Currency);
            }

            public int CompareTo({{e}}Money{{k}} other)
            {
                EnsureSameCurrency(this, other);
                return Amount.CompareTo(other.Amount);
            }

            public {{e}}Money{{k}} Allocate(int parts, int index)
            {
                if (parts <= 0 || index < 0 || index >= parts)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                var share = Math.Floor(Amount * 100m / parts) / 100m;
                var remainder = Amount - (share * parts);
                return new(index == 0 ? share + remainder : share, Currency);
            }

            public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");

            private static void EnsureSameCurrency({{e}}Money{{k}} left, {{e}}Money{{k}} right)
            {
                if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency}.");
                }
            }
        }
        """;

    private static string Cache(string e, int k) => $$"""
        public sealed class {{e}}Cache{{k}}<TKey> : IDisposable
            where TKey : notnull
        {
            private readonly int _capacity;
            private readonly Dictionary<TKey, LinkedListNode<(TKey Key, {{e}} Value)>> _map = new();
            private readonly LinkedList<(TKey Key, {{e}} Value)> _order = new();
            private readonly object _gate = new();
            private bool _disposed;

            public {{e}}Cache{{k}}(int capacity)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
                _capacity = capacity;
            }

            public event EventHandler<{{e}}>? Evicted;

            public bool TryGet(TKey key, out {{e}}? value)
            {
                lock (_gate)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    if (_map.TryGetValue(key, out var node))
                    {
                        _order.Remove(node);
                        _order.AddFirst(node);
                        value = node.Value.Value;
                        return true;
                    }

                    value = null;
                    return false;
                }
            }

            public void Set(TKey key, {{e}} value)
            {
                {{e}}? evicted = null;
                lock (_gate)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    if (_map.TryGetValue(key, out var existing))
                    {
                        _order.Remove(existing);
                    }
                    else if (_map.Count >= _capacity && _order.Last is { } last)
                    {
                        _order.RemoveLast();
                        _map.Remove(last.Value.Key);
                        evicted = last.Value.Value;
                    }

                    _map[key] = _order.AddFirst((key, value));
                }

                if (evicted is not null)
                {
                    Evicted?.Invoke(this, evicted);
                }
            }

            public void Dispose()
            {
                lock (_gate)
                {
                    _disposed = true;
                    _map.Clear();
                    _order.Clear();
                }
            }
        }
        """;

    private static string TopOwners(string e, int j, Random r) => $$"""
            public IReadOnlyList<string> TopOwners{{j}}(int count)
            {
                return _repository.All()
                    .Where(i => i.Status != {{e}}Status.Rejected && i.Amount > {{r.Next(10, 5000)}}m)
                    .GroupBy(i => i.Owner, StringComparer.OrdinalIgnoreCase)
                    .Select(g => new { Owner = g.Key, Total = g.Sum(i => i.Amount), Count = g.Count() })
                    .OrderByDescending(x => x.Total)
                    .ThenBy(x => x.Owner, StringComparer.Ordinal)
                    .Take(count)
                    .Select(x => $"{x.Owner}: {x.Total:N2} ({x.Count})")
                    .ToList();
            }
        """;

    private static string Normalize(string e, int j, Random r) => $$"""
            public static string Normalize{{j}}(string? input)
            {
                if (string.IsNullOrWhiteSpace(input))
                {
                    return string.Empty;
                }

                var builder = new StringBuilder(input.Length);
                foreach (var part in input.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (builder.Length > 0)
                    {
                        builder.Append('{{Pick(r, new[] { "-", "_", " ", "." })}}');
                    }

                    builder.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1).ToString().ToLowerInvariant());
                }

                return builder.ToString().Replace("{{Pick(r, Words)}}", "{{Pick(r, Words)}}", StringComparison.OrdinalIgnoreCase);
            }
        """;

    private static string ComputeFee(string e, int j, Random r) => $$"""
            public decimal ComputeFee{{j}}(IEnumerable<{{e}}Line> lines, {{e}}Status status)
            {
                decimal total = 0;
                var index = 0;
                foreach (var line in lines)
                {
                    index++;
                    if (line.Quantity <= 0)
                    {
                        continue;
                    }

                    total += line.Total * (index % {{r.Next(2, 9)}} == 0 ? 0.{{r.Next(50, 99)}}m : 1m);
                }

                var factor = status switch
                {
                    {{e}}Status.Draft => 0m,
                    {{e}}Status.Pending => 0.5m,
                    {{e}}Status.Approved => 1m,
                    _ => 0.25m,
                };

                return Math.Round(total * factor, 2, MidpointRounding.AwayFromZero);
            }
        """;

    private static string ImportAsync(string e, int j, Random r) => $$"""
            public async Task<int> Import{{j}}Async(IAsyncEnumerable<string> rows, CancellationToken cancellationToken)
            {
                var imported = 0;
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    var fields = row.Split(';');
                    if (fields.Length < 3 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                    {
                        _log.Add($"skipped row '{row}'");
                        continue;
                    }

                    var amount = decimal.TryParse(fields[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0m;
                    _repository.Save(new {{e}}(id, fields[1].Trim(), "{{Pick(r, Words)}}", amount, DateTime.UtcNow, {{e}}Status.Pending, Array.Empty<string>()));
                    imported++;
                    if (imported % {{r.Next(50, 500)}} == 0)
                    {
                        await Task.Yield();
                    }
                }

                return imported;
            }
        """;

    private static string DistinctTags(string e, int j, Random r) => $$"""
            public IReadOnlyCollection<string> DistinctTags{{j}}()
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var queue = new Queue<{{e}}>(_repository.All());
                while (queue.Count > 0)
                {
                    var item = queue.Dequeue();
                    foreach (var tag in item.Tags)
                    {
                        if (tag.Length > {{r.Next(1, 6)}} && seen.Add(tag))
                        {
                            _log.Add($"tag {tag} from {item.Id}");
                        }
                    }
                }

                return seen;
            }
        """;

    private static string CountByStatus(string e, int j, Random r) => $$"""
            public Dictionary<{{e}}Status, int> CountByStatus{{j}}(DateTime since)
            {
                var counts = new Dictionary<{{e}}Status, int>();
                foreach (var item in _repository.All())
                {
                    if (item.CreatedAt < since)
                    {
                        continue;
                    }

                    counts[item.Status] = counts.GetValueOrDefault(item.Status) + 1;
                }

                return counts;
            }
        """;

    private static string Approve(string e, int j, Random r) => $$"""
            public {{e}} Approve{{j}}(int id, string approver)
            {
                ArgumentException.ThrowIfNullOrEmpty(approver);
                var item = _repository.Find(id) ?? throw new {{e}}NotFoundException(id);
                if (item is { Status: {{e}}Status.Rejected or {{e}}Status.Archived })
                {
                    throw new InvalidOperationException($"{item.Name} cannot be approved from {item.Status}.");
                }

                var approved = item with { Status = {{e}}Status.Approved, Owner = approver };
                _repository.Save(approved);
                _log.Add($"{approver} approved {id}");
                return approved;
            }
        """;

    private static string TryExport(string e, int j, Random r) => $$"""
            public bool TryExport{{j}}(TextWriter writer)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    foreach (var item in _repository.All().Where(i => i.CreatedAt > DateTime.UtcNow.AddDays(-{{r.Next(1, 90)}})))
                    {
                        writer.WriteLine(string.Join(",", item.Id.ToString(CultureInfo.InvariantCulture), item.Name, item.Amount.ToString("F2", CultureInfo.InvariantCulture)));
                    }

                    return true;
                }
                catch (IOException ex)
                {
                    _log.Add("export failed: " + ex.Message);
                    return false;
                }
                finally
                {
                    _log.Add($"export took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
                }
            }
        """;

    private static string Batch(string e, int j, Random r) => $$"""
            public static IEnumerable<IReadOnlyList<T>> Batch{{j}}<T>(IEnumerable<T> source, int size)
                where T : notnull
            {
                var batch = new List<T>(size);
                foreach (var element in source)
                {
                    batch.Add(element);
                    if (batch.Count == size)
                    {
                        yield return batch.ToArray();
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    yield return batch.ToArray();
                }
            }
        """;

    private static string DescribeAge(string e, int j, Random r) => $$"""
            public static string DescribeAge{{j}}(DateTime createdAt, DateTime now)
            {
                var age = now - createdAt;
                return age switch
                {
                    { TotalDays: >= 365 } => $"{(int)(age.TotalDays / 365)} year(s)",
                    { TotalDays: >= 30 } => $"{(int)(age.TotalDays / 30)} month(s)",
                    { TotalDays: >= 1 } => $"{(int)age.TotalDays} day(s)",
                    { TotalHours: >= 1 } => $"{(int)age.TotalHours} hour(s)",
                    _ => "{{Pick(r, new[] { "just now", "moments ago", "now" })}}",
                };
            }
        """;

    private static string CreateItem(string e, int j, Random r) => $$"""
            public {{e}} Create{{j}}(string name, decimal amount, params string[] tags)
            {
                var id = Interlocked.Increment(ref _nextId);
                var item = new {{e}}(id, name.Trim(), "system", amount, DateTime.UtcNow, {{e}}Status.Draft, ImmutableArray.Create(tags));
                _repository.Save(item);
                _log.Add(string.Format(CultureInfo.InvariantCulture, "created {0} ({1:C})", item.Id, item.Amount));
                return item;
            }
        """;

    private static string GetTotal(string e, int j, Random r) => $$"""
            public decimal GetTotal{{j}}(Func<{{e}}, bool>? filter = null)
            {
                var items = filter is null ? _repository.All() : _repository.All().Where(filter);
                return items.Aggregate(0m, (sum, item) => sum + (item.Status == {{e}}Status.Approved ? item.Amount : 0m));
            }
        """;

    private static string PostAdjustment(string e, int j, Random r) => $$"""
            public void PostAdjustment{{j}}(int id, decimal delta, string reason)
            {
                if (_repository.Find(id) is not { } item)
                {
                    throw new {{e}}NotFoundException(id);
                }

                var adjusted = item with { Amount = Math.Max(0m, item.Amount + delta), Tags = [.. item.Tags, reason] };
                _repository.Save(adjusted);
                _log.Add($"adjusted {id} by {delta:+0.00;-0.00} for {reason}");
            }
        """;

    private static string DeleteArchived(string e, int j, Random r) => $$"""
            public int DeleteArchived{{j}}(TimeSpan olderThan)
            {
                var cutoff = DateTime.UtcNow - olderThan;
                var removed = 0;
                foreach (var item in _repository.All().Where(i => i.Status == {{e}}Status.Archived && i.CreatedAt < cutoff).ToList())
                {
                    if (_repository.Delete(item.Id))
                    {
                        removed++;
                    }
                }

                return removed;
            }
        """;

    private static string Stats(string e, int j, Random r) => $$"""
            public static (int Min, int Max, double Average) Stats{{j}}(ReadOnlySpan<int> values)
            {
                if (values.IsEmpty)
                {
                    return (0, 0, 0);
                }

                int min = int.MaxValue, max = int.MinValue;
                long sum = 0;
                foreach (var value in values)
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                    sum += value;
                }

                return (min, max, (double)sum / values.Length);
            }
        """;

    private static string Report(string e, int j, Random r) => $$"""
            public string Report{{j}}(IFormatProvider? provider = null)
            {
                provider ??= CultureInfo.InvariantCulture;
                var builder = new StringBuilder();
                builder.AppendLine("Id;Name;Owner;Amount;Status");
                foreach (var item in _repository.All().OrderBy(i => i.Status).ThenByDescending(i => i.Amount))
                {
                    builder.Append(item.Id.ToString(provider)).Append(';')
                        .Append(item.Name.Replace(";", ",", StringComparison.Ordinal)).Append(';')
                        .Append(item.Owner).Append(';')
                        .Append(item.Amount.ToString("N2", provider)).Append(';')
                        .Append(item.Status.ToString()).AppendLine();
                }

                return builder.ToString();
            }
        """;

    private static string FindDuplicates(string e, int j, Random r) => $$"""
            public IEnumerable<({{e}} First, {{e}} Second)> FindDuplicates{{j}}()
            {
                var byName = new Dictionary<string, {{e}}>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in _repository.All())
                {
                    var key = item.Name.Trim();
                    if (byName.TryGetValue(key, out var first))
                    {
                        yield return (first, item);
                    }
                    else
                    {
                        byName.Add(key, item);
                    }
                }
            }
        """;

    private static string ParseCsvLine(string e, int j, Random r) => $$"""
            public static IReadOnlyList<string> ParseCsvLine{{j}}(string line, char separator = '{{Pick(r, new[] { ",", ";", "|" })}}')
            {
                var fields = new List<string>();
                var current = new StringBuilder();
                var quoted = false;
                for (var i = 0; i < line.Length; i++)
                {
                    var c = line[i];
                    if (c == '"')
                    {
                        if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                        {
                            current.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = !quoted;
                        }
                    }
                    else if (c == separator && !quoted)
                    {
                        fields.Add(current.ToString());
                        current.Clear();
                    }
                    else
                    {
                        current.Append(c);
                    }
                }

                fields.Add(current.ToString());
                return fields;
            }
        """;

    private static string StreamRecent(string e, int j, Random r) => $$"""
            public async IAsyncEnumerable<{{e}}> StreamRecent{{j}}Async(int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                var page = 0;
                while (true)
                {
                    var items = _repository.All().Skip(page * pageSize).Take(pageSize).ToArray();
                    if (items.Length == 0)
                    {
                        yield break;
                    }

                    foreach (var item in items)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return item;
                    }

                    page++;
                    await Task.Delay(TimeSpan.FromMilliseconds({{r.Next(1, 50)}}), cancellationToken);
                }
            }
        """;

    private static string Reconcile(string e, int j, Random r) => $$"""
            public async Task<IReadOnlyDictionary<int, decimal>> Reconcile{{j}}Async(IReadOnlyDictionary<int, decimal> ledger, CancellationToken cancellationToken)
            {
                var differences = new SortedDictionary<int, decimal>();
                await Parallel.ForEachAsync(ledger, cancellationToken, (entry, token) =>
                {
                    token.ThrowIfCancellationRequested();
                    var actual = _repository.Find(entry.Key)?.Amount ?? 0m;
                    if (actual != entry.Value)
                    {
                        lock (differences)
                        {
                            differences[entry.Key] = actual - entry.Value;
                        }
                    }

                    return ValueTask.CompletedTask;
                });

                return differences;
            }
        """;
}
